/**
 * The digests SQS returns, computed on the client from the documented algorithms, so clauses can
 * check MD5OfMessageAttributes (SDK v3 checks only body digests). Independent of the reference
 * model's own implementation on purpose: each checks the other.
 */
import { createHash } from 'node:crypto';

export interface AttributeValue {
  DataType?: string | undefined;
  StringValue?: string | undefined;
  BinaryValue?: Uint8Array | undefined;
}

/**
 * "Calculating the MD5 message digest for message attributes" (SQS developer guide): names in
 * ascending order; for each, the 4-byte big-endian length and UTF-8 bytes of the name, then of the
 * data type, a transport byte (1 for String and Number types, 2 for Binary), then the length and
 * bytes of the value.
 */
export function md5OfMessageAttributes(attributes: Record<string, AttributeValue>): string {
  const parts: Buffer[] = [];
  const field = (b: Buffer) => {
    const n = Buffer.alloc(4);
    n.writeUInt32BE(b.length);
    parts.push(n, b);
  };
  for (const name of Object.keys(attributes).sort()) {
    const v = attributes[name]!;
    const type = v.DataType ?? '';
    field(Buffer.from(name, 'utf8'));
    field(Buffer.from(type, 'utf8'));
    const binary = type.split('.')[0] === 'Binary';
    parts.push(Buffer.from([binary ? 2 : 1]));
    field(binary ? Buffer.from(v.BinaryValue ?? new Uint8Array()) : Buffer.from(v.StringValue ?? '', 'utf8'));
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}

export const md5OfBody = (body: string): string => createHash('md5').update(body, 'utf8').digest('hex');
