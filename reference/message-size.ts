/** Sizes and JSON checks SNS and SQS apply to what a client sends (SNS-17, SQS-17). */
import type { MessageAttributeValue } from './md5.js';

/** Body bytes plus, for each attribute, its name, data type and value bytes. */
export function messageSize(body: string | undefined, attributes: Record<string, MessageAttributeValue> | undefined): number {
  let n = Buffer.byteLength(body ?? '');
  for (const [k, v] of Object.entries(attributes ?? {})) {
    n += Buffer.byteLength(k) + Buffer.byteLength(v.DataType ?? '');
    n += v.BinaryValue !== undefined ? v.BinaryValue.length : Buffer.byteLength(v.StringValue ?? '');
  }
  return n;
}

/** The parsed JSON value, or undefined when the text is not JSON. */
export function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    // not JSON
  }
  return undefined;
}
