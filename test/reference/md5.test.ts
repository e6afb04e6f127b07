/**
 * The digest of message attributes is computed twice, on purpose: by the model (reference/md5.ts)
 * and by clauses (src/md5.ts), from SQS's documented algorithm. They must agree, and match digests
 * published for the algorithm.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5OfMessageAttributes as modelDigest } from '../../reference/md5.js';
import { md5OfMessageAttributes as clauseDigest } from '../../src/md5.js';

describe('MD5 of message attributes', () => {
  it('matches published digests for String, Number with a custom type, and Binary', () => {
    // Arrange, Act, Assert
    expect(clauseDigest({ attribName1: { DataType: 'String', StringValue: 'attribValue 1' } })).toBe('19e27d4e946b072f3f58da80d94fd778');
    expect(clauseDigest({ customNumberTypeAttrib: { DataType: 'Number.float', StringValue: '4563442423554324324264524243.32543234' } })).toBe(
      '9fe1b90bbd9965bdf77bac517c7d2495',
    );
    expect(clauseDigest({ binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') } })).toBe('31a92b15d92f8db860eda32aceb656c3');
  });

  it('is the same in the model and in the clauses', () => {
    const value = fc.oneof(
      fc.record({ DataType: fc.constantFrom('String', 'Number', 'String.x'), StringValue: fc.string({ minLength: 1 }) }),
      fc.record({ DataType: fc.constantFrom('Binary', 'Binary.y'), BinaryValue: fc.uint8Array({ minLength: 1 }) }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { minKeys: 1, maxKeys: 5 }), (attrs) => {
        expect(clauseDigest(attrs)).toBe(modelDigest(attrs));
      }),
    );
  });
});
