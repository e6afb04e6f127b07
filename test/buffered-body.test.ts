/**
 * A streaming body read in full when the call returns (src/buffered-body.ts): it still reads as the SDK's stream,
 * once or many times, and is a Uint8Array for every walker; any other output is left as it is.
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { bufferedBody, withBufferedBody } from '../src/buffered-body.js';

/** What clauses call on a body (the SDK's `StreamingBlobPayloadOutputTypes`). */
interface SdkStreamReads {
  transformToString(): Promise<string>;
  transformToByteArray(): Promise<Uint8Array>;
  transformToWebStream(): ReadableStream;
}

describe('buffered bodies', () => {
  it('read an SDK stream in full, and read back as one as often as asked', async () => {
    // Arrange: a body as the SDK gives it on an HTTP target: a Node stream (a socket's, with references back to
    // itself) that the SDK gives its transform methods
    const stream = Readable.from([Buffer.from('héllo '), Buffer.from('wörld')]);
    const output = { ETag: 'e', Body: Object.assign(stream, { self: stream, transformToByteArray: async () => new Uint8Array(await buffer(stream)) }) };
    // Act
    const buffered = (await withBufferedBody(output)) as unknown as { ETag: string; Body: ReturnType<typeof bufferedBody> & SdkStreamReads };
    // Assert
    expect(buffered.ETag).toBe('e');
    expect(buffered.Body).toBeInstanceOf(Uint8Array);
    expect(await buffered.Body.transformToString()).toBe('héllo wörld');
    expect(await buffered.Body.transformToString()).toBe('héllo wörld');
    expect(Buffer.from(await buffered.Body.transformToByteArray()).toString()).toBe('héllo wörld');
    expect(await new Response(buffered.Body.transformToWebStream()).text()).toBe('héllo wörld');
  });

  it('leave an output without a stream as it is', async () => {
    const bytes = bufferedBody(new Uint8Array([1, 2]));
    for (const output of [{}, { Body: 'text' }, { Body: bytes }, { Messages: [{ Body: 'b' }] }]) expect(await withBufferedBody(output)).toBe(output);
  });
});
