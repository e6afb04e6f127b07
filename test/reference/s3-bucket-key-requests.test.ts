/**
 * S3-17: what S3 Bucket Keys save in KMS requests, on the model's request ledger (its CloudTrail). Without a bucket
 * key every write of an SSE-KMS object makes a data key and every read decrypts one (R = W + G); with one, a requester
 * fetches a bucket key at least once and serves later requests from it while it is kept. No clause can see this: the
 * requests show only in CloudTrail and billing, never in an answer to a client.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_KEY_LIFETIME_SECONDS, estimateS3KmsRequests, ReferenceModel, s3BucketKeyMinimum, SECOND } from '../../reference/index.js';

const OWNER = { caller: 'arn:aws:iam::123456789012:root' };
const principal = (i: number) => ({ caller: `arn:aws:iam::123456789012:user/p${i}` });
const body = new TextEncoder().encode('m');

function bucketWithKey(bucketKey: boolean) {
  const model = new ReferenceModel();
  const key = model.kms.createKey(OWNER);
  model.s3.createBucket(OWNER, 'bucket');
  model.s3.putBucketEncryption(OWNER, 'bucket', { algorithm: 'aws:kms', kmsMasterKeyId: key.keyId, bucketKeyEnabled: bucketKey });
  const s3Requests = (operation: string) => model.kms.ledger.filter((l) => l.viaService === 's3' && l.operation === operation).length;
  return { model, key, s3Requests };
}

describe('S3 Bucket Keys on the KMS request ledger (S3-17)', () => {
  it('100 writes and 100 reads by one requester within a bucket key lifetime: 2 KMS requests instead of 200', () => {
    const counts = [false, true].map((bucketKey) => {
      // Arrange
      const { model, s3Requests } = bucketWithKey(bucketKey);
      // Act
      for (let i = 0; i < 100; i++) model.s3.putObject(principal(1), { Bucket: 'bucket', Key: `o${i}`, Body: body });
      for (let i = 0; i < 100; i++) model.s3.getObject(principal(1), 'bucket', `o${i}`);
      return { generate: s3Requests('GenerateDataKey'), decrypt: s3Requests('Decrypt') };
    });
    // Assert: the documented formula without bucket keys, one fetch of the bucket key with them (a 99 % saving)
    expect(counts[0]).toEqual({ generate: 100, decrypt: 100 });
    expect(counts[0]!.generate + counts[0]!.decrypt).toBe(estimateS3KmsRequests({ writes: 100, reads: 100 }));
    expect(counts[1]).toEqual({ generate: 1, decrypt: 1 });
  });

  it('fetches a bucket key again per requester, after its lifetime, and for another KMS key', () => {
    // Arrange
    const { model, s3Requests } = bucketWithKey(true);
    const other = model.kms.createKey(OWNER);
    // Act, Assert
    model.s3.putObject(principal(1), { Bucket: 'bucket', Key: 'a', Body: body });
    model.s3.putObject(principal(2), { Bucket: 'bucket', Key: 'b', Body: body });
    expect(s3Requests('GenerateDataKey')).toBe(2); // at least once per requester
    model.s3.putObject(principal(1), { Bucket: 'bucket', Key: 'c', Body: body, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: other.keyId });
    expect(s3Requests('GenerateDataKey')).toBe(3); // shared only among objects under the same KMS key
    model.s3.putObject(principal(2), { Bucket: 'bucket', Key: 'b2', Body: body });
    expect(s3Requests('GenerateDataKey')).toBe(3); // kept: requester 2 already has the bucket key
    model.clock.advance(BUCKET_KEY_LIFETIME_SECONDS * SECOND);
    model.s3.putObject(principal(1), { Bucket: 'bucket', Key: 'd', Body: body });
    expect(s3Requests('GenerateDataKey')).toBe(4); // kept for a limited time only
  });

  it('answers as without a kept bucket key: a disabled key refuses the next write and read at once', () => {
    // Arrange
    const { model, key } = bucketWithKey(true);
    model.s3.putObject(principal(1), { Bucket: 'bucket', Key: 'a', Body: body });
    model.s3.getObject(principal(1), 'bucket', 'a');
    // Act
    model.kms.disableKey(OWNER, key.keyId);
    // Assert
    expect(() => model.s3.putObject(principal(1), { Bucket: 'bucket', Key: 'b', Body: body })).toThrow(/KMS\.Disabled|disabled/i);
    expect(() => model.s3.getObject(principal(1), 'bucket', 'a')).toThrow(/KMS\.Disabled|disabled/i);
  });

  it('never makes more requests than without bucket keys, nor fewer than one per requester (generated schedules)', () => {
    const eventArb = fc.record({ at: fc.integer({ min: 0, max: 1_800 }), principal: fc.integer({ min: 0, max: 3 }), read: fc.boolean() });
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 40 }), (events) => {
        // Arrange
        const { model, s3Requests } = bucketWithKey(true);
        const sorted = [...events].sort((a, b) => a.at - b.at);
        const start = model.clock.now();
        let written = 0;
        let writes = 0;
        let reads = 0;
        const requesters = new Set<number>();
        // Act
        for (const e of sorted) {
          model.clock.advance(start + e.at * SECOND - model.clock.now());
          requesters.add(e.principal);
          if (e.read && written > 0) {
            model.s3.getObject(principal(e.principal), 'bucket', `o${e.at % written}`);
            reads++;
          } else {
            model.s3.putObject(principal(e.principal), { Bucket: 'bucket', Key: `o${written++}`, Body: body });
            writes++;
          }
        }
        // Assert
        const requests = s3Requests('GenerateDataKey') + s3Requests('Decrypt');
        expect(requests).toBeLessThanOrEqual(estimateS3KmsRequests({ writes, reads }));
        expect(requests).toBeGreaterThanOrEqual(s3BucketKeyMinimum({ requesters: requesters.size, keys: 1 }));
      }),
      { numRuns: 200 },
    );
  });
});
