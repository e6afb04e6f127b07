/**
 * A queue whose KMS key has no key material yet (Origin EXTERNAL, state PendingImport) cannot
 * take messages: SendMessage fails with KmsInvalidState. AWS documents that a PendingImport key
 * cannot be used in cryptographic operations and that GenerateDataKey on it fails with
 * KMSInvalidStateException; SQS's model maps that KMS error to KmsInvalidState. No SQS page names
 * PendingImport itself, so the exact code is inferred: SHOULD.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKeyPendingImport, createQueue, fifoFields } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.pending-import-key-refuses-send',
  title: 'SendMessage to a queue whose key is pending import fails with KmsInvalidState',
  level: 'SHOULD',
  theme: 'error-codes',
  sources: [
    { fact: 'SQS-25', url: PAGES.sqsSendMessage, evidence: 'INF' },
    { fact: 'KMS-1', url: PAGES.kmsImportingKeysCreateKey, evidence: 'DOC' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'key-state', 'fifo'],
  requires: ['createKeyHonoursInput'],
  generates: 'standard and FIFO queues (both on every seed) using a new EXTERNAL key by key ID',
  arbitrary: fc.boolean(),
  examples: [false, true],
  scenario: async (s, fifo) => {
    const key = await createKeyPendingImport(s, { asserted: false });
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', ...fifoFields(fifo, 'd') }), { expect: fails('KMS.InvalidState') });
  },
});
