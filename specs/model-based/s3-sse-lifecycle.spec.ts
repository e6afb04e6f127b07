/**
 * Over any sequence of key state changes, buckets and their default encryption, and object writes and reads by two
 * principals, every outcome on the target is one AWS allows: the reference model's answer. An object stays sealed
 * under the key it was written with whatever the bucket's default says later, and can be read only while that key
 * is usable; a write under an unusable key fails and stores nothing.
 */
import { defineClause } from '../../src/clause.js';
import { s3LifecycleExamples, s3SseCommands } from '../../src/model-based/s3-commands.js';
import { runSseCommands } from '../../src/model-based/commands.js';
import { PAGES } from '../../src/pages.js';

export const clause = defineClause({
  id: 'model-based.s3-sse-lifecycle',
  title: 'Every step of a generated S3 SSE lifecycle gives an outcome the reference model allows',
  level: 'MUST',
  theme: 'sequences',
  sources: [
    { fact: 'S3-9', url: PAGES.localstackS3KmsKeyState, evidence: 'OBS' },
    { fact: 'S3-10', url: PAGES.s3SpecifyingKmsEncryption, evidence: 'DOC' },
    { fact: 'S3-4', url: PAGES.s3SseByDefault, evidence: 'DOC' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['model-based', 's3', 'kms', 'sse-kms', 'key-state', 'backlog'],
  generates:
    'up to 12 commands: CreateKey, Disable/Enable/ScheduleKeyDeletion/CancelKeyDeletion, CreateBucket, PutBucketEncryption (SSE-S3 or a key), ' +
    "PutObject (the bucket's default, SSE-S3 or a key) and GetObject as one of two principals, and (virtual clock only) time passing; " +
    'first, on every seed, the shortest sequence for each key state an object crosses',
  arbitrary: s3SseCommands,
  examples: s3LifecycleExamples(),
  scenario: (s, cmds) => runSseCommands(s, cmds),
});
