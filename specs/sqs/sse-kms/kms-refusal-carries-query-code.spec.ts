/**
 * SQS is query-compatible: besides its JSON shape name (`KmsDisabled`), a KMS refusal of SendMessage
 * carries the legacy query code (`KMS.DisabledException`, header `x-amzn-query-error`), which SDK v3
 * copies into the error as `Code`. Clients written for the query protocol match on that code, so it
 * must be the one AWS gives for the refusal, not merely present. A target that speaks the query
 * protocol itself sends the legacy code as the error's name; either place counts.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createQueue, errorForState, refusedKeyId } from '../../../src/steps.js';

const CASES = ['Disabled', 'PendingDeletion', 'Unknown'] as const;
type Case = (typeof CASES)[number];

/** SQS-11: the query-compatible code of each refusal. */
const QUERY_CODE: Record<Case, string> = {
  Disabled: 'KMS.DisabledException',
  PendingDeletion: 'KMS.InvalidStateException',
  Unknown: 'KMS.NotFoundException',
};

export const clause = defineClause({
  id: 'sqs.sse-kms.kms-refusal-carries-query-code',
  title: 'A KMS refusal of SendMessage carries the query-compatible code SQS documents for it (KMS.DisabledException, …)',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'DOC' },
    { fact: 'X-1', url: PAGES.sqsJsonApiResponses, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'key-state'],
  generates: 'SendMessage to a new queue whose key is disabled, pending deletion, or names no key',
  arbitrary: fc.constantFrom<Case>(...CASES),
  examples: [...CASES],
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange: the queue is new, so no principal holds a data key for it.
    const keyId = await refusedKeyId(s, c);
    const url = await createQueue(s, { KmsMasterKeyId: keyId });
    // Act
    const observed = await s.attempt(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm' }));
    // Assert: the refusal by its name first, then its legacy code
    s.expectLast(observed, [fails(c === 'Unknown' ? 'KMS.NotFound' : errorForState(c))]);
    const legacy = observed.ok ? undefined : (observed.queryCode ?? (observed.name.startsWith('KMS.') ? observed.name : undefined));
    s.check(legacy === QUERY_CODE[c], 'query-compatible error code', QUERY_CODE[c], legacy);
  },
});
