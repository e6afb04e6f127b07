/**
 * A GetObject `Body` as the SDK's own deserializer gives it: a Node.js readable stream with the SDK's
 * `transformToString`, `transformToByteArray` and `transformToWebStream` (the SDK's stream mixin), holding the
 * object's bytes. The model answers before the deserializer runs, so the SDK face builds it itself.
 */
import { Readable } from 'node:stream';

export interface StreamBody extends Readable {
  transformToByteArray(): Promise<Uint8Array>;
  transformToString(encoding?: BufferEncoding): Promise<string>;
  transformToWebStream(): ReadableStream;
}

export function streamBody(bytes: Uint8Array): StreamBody {
  const stream = Readable.from([Buffer.from(bytes)]);
  let used = false;
  const once = () => {
    // As the SDK's mixin: a body can be read once.
    if (used) throw new Error('The stream has already been transformed.');
    used = true;
  };
  return Object.assign(stream, {
    transformToByteArray: async () => (once(), new Uint8Array(bytes)),
    transformToString: async (encoding: BufferEncoding = 'utf8') => (once(), Buffer.from(bytes).toString(encoding)),
    transformToWebStream: () => (once(), Readable.toWeb(stream) as unknown as ReadableStream),
  });
}
