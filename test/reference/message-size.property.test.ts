/**
 * The size SNS and SQS measure against their message size limit (reference/message-size.ts), against
 * the documented rule (clause-independent, issue 14).
 *
 * Why not a clause: the size-limit clauses (SQS-17, SNS-17) show that encryption overhead does not
 * count, with bodies alone; how message attributes count is generic SQS and SNS behaviour that
 * does not depend on encryption. Rule: the body's UTF-8 bytes plus, for every attribute, the bytes
 * of its name, of its data type and of its value (SQS-17, SNS-17;
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 * and https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html: name, type and value all
 * count toward the size).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { MessageAttributeValue } from '../../reference/md5.js';
import { messageSize, parseJson } from '../../reference/message-size.js';

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const attribute: fc.Arbitrary<MessageAttributeValue> = fc.oneof(
  // DataType or StringValue may be missing here: the services refuse such an attribute, but may measure the request first
  fc.record({ DataType: fc.constantFrom('String', 'Number', 'String.é'), StringValue: text }, { requiredKeys: [] }),
  fc.record({ DataType: fc.constantFrom('Binary', 'Binary.x'), BinaryValue: fc.uint8Array({ maxLength: 12 }) }),
);

it('is the body bytes plus the name, type and value bytes of every attribute', () => {
  fc.assert(
    fc.property(fc.option(text, { nil: undefined }), fc.dictionary(text, attribute, { maxKeys: 4 }), (body, attributes) => {
      const bytes = (s: string | undefined) => new TextEncoder().encode(s ?? '').length;
      const expected =
        bytes(body) +
        Object.entries(attributes).reduce(
          (n, [k, v]) => n + bytes(k) + bytes(v.DataType) + (v.BinaryValue !== undefined ? v.BinaryValue.length : bytes(v.StringValue)),
          0,
        );
      expect(messageSize(body, attributes)).toBe(expected);
      expect(messageSize(body, undefined)).toBe(bytes(body));
    }),
  );
});

it('parseJson gives the value of JSON text and undefined for anything else', () => {
  expect(parseJson('{"a":[1]}')).toEqual({ a: [1] });
  expect(parseJson('{"a":')).toBeUndefined();
});
