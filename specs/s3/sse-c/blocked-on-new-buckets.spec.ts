/**
 * Since April 2026 a new general purpose bucket refuses SSE-C writes with 403 AccessDenied, and stores nothing for
 * them; once its default encryption says `BlockedEncryptionTypes: NONE`, the same write succeeds. (An emulator that
 * predates April 2026 and accepts SSE-C on a new bucket deviates here, and only here: every other SSE-C clause allows
 * SSE-C first.)
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { customerKeyArb, objectBodyArb, objectKeyArb } from '../../../src/arbitraries/objects.js';
import { allowSseC, createBucket, customerKeyFields } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-c.blocked-on-new-buckets',
  title: 'A new bucket refuses SSE-C writes with AccessDenied until BlockedEncryptionTypes allows SSE-C',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-14', url: PAGES.s3BlockingSseC, evidence: 'DOC' },
    { fact: 'S3-14', url: PAGES.s3BlockedEncryptionTypes, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-c', 'bucket-encryption'],
  generates: 'customer keys × object keys and bodies',
  arbitrary: fc.record({ customerKey: customerKeyArb, key: objectKeyArb, body: objectBodyArb }),
  scenario: async (s, { customerKey, key: objectKey, body }) => {
    // Arrange
    const bucket = await createBucket(s);
    const put = () => new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, ...customerKeyFields(customerKey) });
    // Act, Assert: refused on the new bucket (the scenario goes on, to show the switch)
    await s.send(put(), { expect: fails('AccessDenied'), independent: true });
    await allowSseC(s, bucket);
    await s.send(put());
  },
});
