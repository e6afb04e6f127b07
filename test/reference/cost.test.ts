import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimateS3KmsRequests,
  estimateSnsKmsRequests,
  estimateSqsKmsRequests,
  ReferenceModel,
  s3BucketKeyMinimum,
  scheduleBound,
  SECOND,
} from '../../reference/index.js';

const JANUARY = 31 * 86_400; // 2,678,400 s
const FEBRUARY = 28 * 86_400; // 2,419,200 s

describe('documented KMS cost estimates (SNS-12, SQS-9)', () => {
  it('reproduces the SNS examples: 17,856 and 129,024', () => {
    expect(estimateSnsKmsRequests({ billingPeriodSeconds: JANUARY, producers: 1 })).toBe(17_856);
    const twoTopics =
      estimateSnsKmsRequests({ billingPeriodSeconds: FEBRUARY, producers: 3 }) + estimateSnsKmsRequests({ billingPeriodSeconds: FEBRUARY, producers: 5 });
    expect(twoTopics).toBe(129_024);
  });

  it('reproduces the SQS examples: 26,784 and 532', () => {
    expect(estimateSqsKmsRequests({ billingPeriodSeconds: JANUARY, reusePeriodSeconds: 300, producers: 1, consumers: 1 })).toBe(26_784);
    const twoQueues =
      estimateSqsKmsRequests({ billingPeriodSeconds: FEBRUARY, reusePeriodSeconds: 86_400, producers: 3, consumers: 1 }) +
      estimateSqsKmsRequests({ billingPeriodSeconds: FEBRUARY, reusePeriodSeconds: 86_400, producers: 5, consumers: 2 });
    expect(twoQueues).toBe(532);
  });

  it('rejects nonsense input', () => {
    expect(() => estimateSqsKmsRequests({ billingPeriodSeconds: 1, reusePeriodSeconds: 0, producers: 1 })).toThrow(RangeError);
    expect(() => estimateSnsKmsRequests({ billingPeriodSeconds: -1, producers: 1 })).toThrow(RangeError);
    expect(() => scheduleBound('sqs', { billingPeriodSeconds: 600, reusePeriodSeconds: 0, producers: 1 })).toThrow(RangeError);
    expect(() => scheduleBound('sns', { billingPeriodSeconds: 600, reusePeriodSeconds: 300, producers: Number.NaN })).toThrow(RangeError);
  });

  it('counts consumers given as undefined as none', () => {
    expect(estimateSqsKmsRequests({ billingPeriodSeconds: 600, reusePeriodSeconds: 300, producers: 1, consumers: undefined })).toBe(4);
  });

  it('bounds a schedule by whole reuse periods: ⌈B / D⌉ × (2P + C), with C only for SQS', () => {
    const i = { billingPeriodSeconds: 601, reusePeriodSeconds: 300, producers: 2, consumers: 3 };
    expect(scheduleBound('sqs', i)).toBe(3 * (2 * 2 + 3));
    expect(scheduleBound('sns', i)).toBe(3 * (2 * 2));
  });
});

describe('S3 KMS request counts (S3-17)', () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
  it('without bucket keys, counts one GenerateDataKey per write and one Decrypt per read', () => {
    expect(estimateS3KmsRequests({ writes: 7, reads: 5 })).toBe(12);
  });

  it('refuses a negative or fractional count of writes or reads', () => {
    expect(() => estimateS3KmsRequests({ writes: -1, reads: 0 })).toThrow(RangeError);
    expect(() => estimateS3KmsRequests({ writes: 0, reads: 1.5 })).toThrow(RangeError);
  });

  it('with bucket keys, needs at least one request per requester and bucket key', () => {
    expect(s3BucketKeyMinimum({ requesters: 3, keys: 2 })).toBe(6);
  });
});

type Event = { at: number; principal: number; kind: 'produce' | 'consume' };

const scheduleArb = fc
  .record({
    service: fc.constantFrom('sns' as const, 'sqs' as const),
    reuse: fc.constantFrom(60, 61, 300, 3600),
    periods: fc.integer({ min: 1, max: 6 }),
    extra: fc.integer({ min: 0, max: 59 }),
    principals: fc.integer({ min: 1, max: 4 }),
  })
  .chain((s) => {
    const billing = (s.service === 'sns' ? 300 : s.reuse) * s.periods + s.extra;
    const event = fc.record({
      at: fc.integer({ min: 0, max: billing - 1 }),
      principal: fc.integer({ min: 0, max: s.principals - 1 }),
      kind: fc.constantFrom('produce' as const, 'consume' as const),
    });
    return fc.record({ s: fc.constant({ ...s, billing }), events: fc.array(event, { minLength: 1, maxLength: 60 }) });
  });

describe('the ledger never exceeds the estimate for a schedule', () => {
  it('holds for generated publish/send/receive schedules over virtual time', () => {
    fc.assert(
      fc.property(scheduleArb, ({ s, events }) => {
        // Arrange
        const model = new ReferenceModel();
        const owner = { caller: 'arn:aws:iam::123456789012:root' };
        const key = model.kms.createKey(owner);
        const principal = (i: number) => `arn:aws:iam::123456789012:user/p${i}`;
        const sorted = [...events].sort((a: Event, b: Event) => a.at - b.at);
        const start = model.clock.now();
        let resource: string;
        let produce: (p: string) => void;
        let consume: (p: string) => void = () => {};
        if (s.service === 'sns') {
          resource = model.sns.createTopic(owner, 'topic', { KmsMasterKeyId: key.keyId });
          produce = (p) => void model.sns.publish({ caller: p }, { TopicArn: resource, Message: 'm' });
        } else {
          const url = model.sqs.createQueue(owner, 'queue', { KmsMasterKeyId: key.keyId, KmsDataKeyReusePeriodSeconds: String(s.reuse) });
          resource = model.sqs.queue(url).arn;
          produce = (p) => void model.sqs.sendMessage({ caller: p }, { QueueUrl: url, MessageBody: 'm' });
          consume = (p) => void model.sqs.receiveMessage({ caller: p }, { QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 });
        }
        // Act
        const producers = new Set<number>();
        const consumers = new Set<number>();
        let produced = 0;
        for (const e of sorted) {
          model.clock.advance(start + e.at * SECOND - model.clock.now());
          if (e.kind === 'produce' || s.service === 'sns') {
            produce(principal(e.principal));
            producers.add(e.principal);
            produced++;
          } else if (produced > 0) {
            consume(principal(e.principal));
            consumers.add(e.principal);
          }
        }
        // Assert
        const requests = model.kms.ledger.filter((l) => l.resource === resource).length;
        const reuse = s.service === 'sns' ? 300 : s.reuse;
        const bound = scheduleBound(s.service, {
          billingPeriodSeconds: s.billing,
          reusePeriodSeconds: reuse,
          producers: producers.size,
          consumers: consumers.size,
        });
        expect(requests).toBeLessThanOrEqual(bound);
        // Not vacuous: every producing principal made at least its GenerateDataKey + Decrypt.
        expect(requests).toBeGreaterThanOrEqual(2 * producers.size);
      }),
      { numRuns: 300 },
    );
  });
});
