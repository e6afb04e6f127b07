/**
 * A streaming response body (S3 GetObject's `Body`), read in full when the call returns. Objects here are small, and
 * a stream can be read once: buffered, the clause still reads it as the SDK's stream (`transformToString`,
 * `transformToByteArray`, `transformToWebStream`), while the raw log, recordings and reproductions hold its bytes
 * instead of a socket (whose circular references no walker could follow).
 */

/** The SDK's streaming body as far as clauses use it. */
interface SdkStream {
  transformToByteArray(): Promise<Uint8Array>;
}

const isSdkStream = (v: unknown): v is SdkStream =>
  typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && typeof (v as Partial<SdkStream>).transformToByteArray === 'function';

/** Bytes that read as the SDK's streaming body does: a Uint8Array, so every walker records them as bytes. */
export function bufferedBody(bytes: Uint8Array): Uint8Array {
  const body = new Uint8Array(bytes);
  return Object.assign(body, {
    transformToByteArray: async () => new Uint8Array(body),
    transformToString: async (encoding = 'utf-8') => new TextDecoder(encoding, { ignoreBOM: true }).decode(body),
    transformToWebStream: () => new Blob([body]).stream(),
  });
}

/** The output with a streaming `Body` read into a buffered one; any other output as it is. */
export async function withBufferedBody<O extends object>(output: O): Promise<O> {
  const body = (output as { Body?: unknown }).Body;
  if (!isSdkStream(body)) return output;
  return { ...output, Body: bufferedBody(await body.transformToByteArray()) };
}
