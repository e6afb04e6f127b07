/**
 * A write under a KMS key that does not exist fails: PutObject with aws:kms or aws:kms:dsse and an SSEKMSKeyId that
 * is well formed but names no key (a random key ID, a key ARN of the target's own account and Region with a random
 * key ID, or an alias name never created) answers KMS.NotFoundException, as S3 passes KMS's refusal through. Only the
 * write's own headers name the key: whether PutBucketEncryption checks the key it is given is not said, so the
 * bucket default is not tried. Whether anything was stored is not asserted; the HTTP status is not compared.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { kmsAlgorithmArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { createKey } from '../../../src/steps.js';
import { createBucket } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.key-state.unknown-key-refuses-put-object',
  title: 'PutObject under a well-formed KMS key ID, key ARN or alias that names no key fails with KMS.NotFound',
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [
    { fact: 'S3-9', url: PAGES.localstackS3KmsKeyState, evidence: 'OBS' },
    { fact: 'S3-2', url: PAGES.s3PutObject, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-kms', 'key-identifiers'],
  generates: 'aws:kms or aws:kms:dsse × a random key ID, a key ARN of the account with a random key ID, or an alias never created × object keys',
  arbitrary: fc.record({ type: kmsAlgorithmArb, form: s3KeyFormArb, uuid: fc.uuid({ version: 4 }), key: objectKeyArb }),
  examples: (['key-id', 'key-arn', 'alias-name'] as const).map((form) => ({
    type: 'aws:kms' as const,
    form,
    uuid: '00000000-0000-4000-8000-000000000000',
    key: 'unknown',
  })),
  scenario: async (s, { type, form, uuid, key: objectKey }) => {
    // Arrange: an identifier of the right shape that names nothing; a key ARN takes its account and Region from a
    // key the clause creates (and does not use), so that only the key ID is unknown
    const bucket = await createBucket(s);
    let id: string;
    if (form === 'key-id') id = uuid;
    else if (form === 'key-arn') id = (await createKey(s)).arn.replace(/:key\/.*$/, `:key/${uuid}`);
    else id = s.name('alias');
    // Act, Assert
    await s.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: 'refused', ServerSideEncryption: type, SSEKMSKeyId: id }), {
      expect: fails('KMS.NotFound'),
    });
  },
});
