/**
 * What each fault looks like on the wire, so the SDK's own code turns it into the error it would
 * throw for the real thing. Error answers are HTTP responses in each service's protocol (SQS and
 * KMS speak JSON, SNS the XML query protocol: each registry entry's `faultAnswer`), read by the SDK's
 * deserializer into its own exception classes. Transport faults are the errors Node's HTTP stack raises; their shapes were
 * taken from a real socket (reset: `read ECONNRESET`; a body cut by a dropped connection: `aborted`,
 * ECONNRESET; a request nobody answers: the handler's `TimeoutError`, ETIMEDOUT).
 */
import { Readable } from 'node:stream';
import { serviceEntry } from '../../src/services/registry.js';
import type { ServiceName } from '../../src/target.js';

/** The parts of an HTTP response the SDK reads (its HttpResponse.isInstance checks only these). */
export interface WireResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: unknown;
}

let counter = 0;
const requestId = () => `faulty-${(++counter).toString(16).padStart(8, '0')}`;

/** The message every injected answer carries, so a report names the cause. */
export const injectedMessage = (fault: string) => `injected by the faulty target (${fault})`;

/**
 * An HTTP 500 or throttling answer in the service's protocol, as its registry entry spells it (src/services/:
 * `faultAnswer`; KMS KMSInternalException; SNS InternalError (500) and Throttled (429); SQS, query-compatible,
 * InternalFailure and ThrottlingException with their legacy code in `x-amzn-query-error`).
 */
export function errorAnswer(service: ServiceName, fault: 'server-error' | 'throttle'): WireResponse {
  return serviceEntry(service).faultAnswer(fault, injectedMessage(fault), requestId());
}

/** A reset connection, as Node reports it on a socket read (the SDK's handler renames it TimeoutError). */
export const resetError = (): Error => Object.assign(new Error('read ECONNRESET'), { errno: -104, code: 'ECONNRESET', syscall: 'read', name: 'TimeoutError' });

/** What a response body stream emits when the connection drops before Content-Length bytes arrived. */
export const abortedError = (): Error => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });

/** What @smithy/node-http-handler throws when a request exceeds `requestTimeout` with `throwOnRequestTimeout`. */
export const requestTimeoutError = (ms: number): Error =>
  Object.assign(new Error(`@smithy/node-http-handler - [ERROR] a request has exceeded the configured ${ms} ms requestTimeout.`), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
  });

/** A body that yields the first half of `bytes`, then fails as a dropped connection does. */
export function cutBody(bytes: Uint8Array): Readable {
  const half = bytes.subarray(0, Math.floor(bytes.length / 2));
  let sent = false;
  return new Readable({
    read() {
      if (!sent && half.length) {
        sent = true;
        return void this.push(half);
      }
      this.destroy(abortedError());
    },
  });
}

/** Reads a response body the SDK handed back (a Node stream on HTTP targets). */
export async function readBody(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Uint8Array[] = [];
    for await (const c of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof c === 'string' ? new TextEncoder().encode(c) : c);
    return Buffer.concat(chunks);
  }
  return new Uint8Array();
}
