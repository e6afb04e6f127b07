/**
 * The message size limit is the same whatever the encryption mode: a body of exactly the limit is
 * accepted, one byte more is rejected. Encryption overhead does not count.
 * The limit is 1 MiB since Aug 2025; a target states its limit.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { QUEUE_MODES, queueModeArb } from '../../../src/arbitraries/queues.js';
import { createQueue, sseAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.limits.message-size-limit-ignores-encryption',
  title: 'SendMessage accepts a body of exactly the size limit and rejects one byte more, encrypted or not',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [{ fact: 'SQS-17', url: PAGES.sqsSendMessage, evidence: 'MODEL' }],
  features: ['sqs', 'limits', 'sse-kms', 'sse-sqs'],
  generates: 'each encryption mode, bodies of limit-1, limit and limit+1 bytes, with one- or multi-byte characters at the end',
  arbitrary: fc.record({ mode: queueModeArb, delta: fc.constantFrom(-1, 0, 1), wide: fc.boolean() }),
  // Every combination, on every seed: a deviation at one of them shows whatever the seed.
  examples: QUEUE_MODES.flatMap((mode) => [-1, 0, 1].flatMap((delta) => [false, true].map((wide) => ({ mode, delta, wide })))),
  maxRuns: 0,
  scenario: async (s, { mode, delta, wide }) => {
    const limit = s.target.capabilities.limits.sqs.maxMessageBytes;
    const size = limit + delta;
    // A 3-byte character at the end makes bytes and characters differ.
    const body = wide ? 'a'.repeat(size - 3) + '€' : 'a'.repeat(size);
    const url = await createQueue(s, sseAttributes(mode));
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }), { expect: delta <= 0 ? OK : fails('InvalidParameterValue') });
  },
});
