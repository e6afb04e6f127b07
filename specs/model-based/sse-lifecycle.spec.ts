/**
 * Over any sequence of key state changes, queue and topic encryption changes, sends, receives and
 * publishes by two principals, every outcome on the target is one AWS allows: the reference
 * model's answer, or an alternative it allows while a principal still holds a cached data key.
 */
import { defineClause } from '../../src/clause.js';
import { lifecycleExamples, runSseCommands, sseCommands } from '../../src/model-based/commands.js';
import { PAGES } from '../../src/pages.js';

export const clause = defineClause({
  id: 'model-based.sse-lifecycle',
  title: 'Every step of a generated SSE lifecycle gives an outcome the reference model allows',
  level: 'MUST',
  theme: 'sequences',
  sources: [
    { fact: 'CS-1', url: PAGES.sqsKeyManagement, evidence: 'INF' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SNS-13', url: PAGES.snsKeyManagement, evidence: 'DOC' },
  ],
  features: ['model-based', 'sqs', 'sns', 'kms', 'sse-kms', 'key-state', 'backlog', 'data-key-reuse'],
  generates:
    'up to 14 commands: CreateKey, Disable/Enable/ScheduleKeyDeletion/CancelKeyDeletion, CreateQueue (unencrypted, SSE-SQS, SSE-KMS), ' +
    'SetQueueAttributes(KmsMasterKeyId), SendMessage and ReceiveMessage as one of two principals, CreateTopic, Publish, and (virtual clock only) time passing; ' +
    'first, on every seed, the shortest sequence for each key state and operation the lifecycle crosses',
  arbitrary: sseCommands,
  examples: lifecycleExamples(),
  scenario: (s, cmds) => runSseCommands(s, cmds),
});
