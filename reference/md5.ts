/** MD5 digests SQS returns: of the body, and of message attributes in SQS's documented encoding. */
import { createHash } from 'node:crypto';

export interface MessageAttributeValue {
  DataType?: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
  StringListValues?: string[];
  BinaryListValues?: Uint8Array[];
}

export function md5Hex(s: string | Uint8Array): string {
  return createHash('md5').update(s).digest('hex');
}

/**
 * MD5 of message attributes: names sorted; for each, length-prefixed name, length-prefixed data
 * type, a transport byte (1 string, 2 binary) and the length-prefixed value, lengths as 4-byte
 * big-endian integers (SQS developer guide, "Calculating the MD5 message digest for message attributes").
 */
export function md5OfMessageAttributes(attrs: Record<string, MessageAttributeValue>): string {
  const h = createHash('md5');
  const lenPrefixed = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    h.update(len);
    h.update(b);
  };
  for (const name of Object.keys(attrs).sort()) {
    const v = attrs[name]!;
    lenPrefixed(Buffer.from(name));
    // Stryker disable next-line StringLiteral: EQ-unreachable
    lenPrefixed(Buffer.from(v.DataType ?? ''));
    if (v.BinaryValue !== undefined) {
      h.update(Buffer.from([2]));
      lenPrefixed(Buffer.from(v.BinaryValue));
    } else {
      h.update(Buffer.from([1]));
      // Stryker disable next-line StringLiteral: EQ-unreachable
      lenPrefixed(Buffer.from(v.StringValue ?? ''));
    }
  }
  return h.digest('hex');
}
