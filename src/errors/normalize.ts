/**
 * Turns whatever a target's SDK call threw into one normalised error: service, canonical code,
 * HTTP status. Messages are kept for reports and never compared. An error no row maps keeps its
 * name behind `Unmapped:` and never equals anything. Errors that are not answers of the service
 * (connection refused, timeouts) are not normalised: they are the harness's or target's breakage.
 */
import { canonicalCode, UNMAPPED_PREFIX, type Service } from './codes.js';

export interface NormalizedError {
  service: Service;
  /** Canonical code (`KMS.Disabled`, `InvalidAttributeName`, …) or `Unmapped:<name>`. */
  code: string;
  httpStatus: number | undefined;
  /** The SDK error name as thrown. */
  name: string;
  /** SQS: the query-compatible code the service sent, when present. */
  queryCode?: string;
  message: string;
}

interface SdkLikeError {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: number };
  $responseBodyText?: unknown;
  code?: unknown;
}

/** Errors that mean the target could not be talked to at all. */
const UNREACHABLE = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EAI_AGAIN|socket hang up|TimeoutError|RequestTimeout/;

export function isUnreachable(e: unknown): boolean {
  const err = e as SdkLikeError & { cause?: unknown; errors?: unknown[] };
  const text = `${String(err?.name)} ${String(err?.message)} ${String(err?.code)}`;
  if (UNREACHABLE.test(text)) return true;
  if (err?.errors?.some(isUnreachable)) return true; // AggregateError from happy-eyeballs connects
  return err?.cause !== undefined && err.cause !== e && isUnreachable(err.cause);
}

/**
 * The connection was reset or dropped mid-answer (as opposed to refused or timed out): something
 * is there and may answer the next request.
 */
export function isReset(e: unknown): boolean {
  const err = e as SdkLikeError & { cause?: unknown };
  // fetch (undici) says UND_ERR_SOCKET, "other side closed", where the SDK's handler says socket hang up.
  if (/ECONNRESET|EPIPE|UND_ERR_SOCKET/.test(String(err?.code)) || /socket hang up|^aborted|other side closed/.test(String(err?.message))) return true;
  return err?.cause !== undefined && err.cause !== e && isReset(err.cause);
}

/** Normalises a service answer; returns undefined for failures that are not service answers. */
export function normalizeError(service: Service, e: unknown): NormalizedError | undefined {
  if (!(e instanceof Error) || isUnreachable(e)) return undefined;
  const err = e as Error & SdkLikeError;
  const message = String(err.message ?? '');
  // The SDK's own response checks failed: the target answered, wrongly (e.g. an MD5 of ciphertext, SQS-15; an S3
  // object body whose checksum is not the one its headers name).
  if (/Invalid MD5 checksum|InvalidChecksumError|^Checksum mismatch/.test(message) || err.name === 'InvalidChecksumError') {
    return { service, code: 'SDK.ChecksumMismatch', httpStatus: undefined, name: err.name, message };
  }
  if (err.$metadata === undefined) return undefined;
  const httpStatus = err.$metadata.httpStatusCode;
  const queryCode = typeof err.Code === 'string' ? err.Code : undefined;
  if (err.$responseBodyText !== undefined && !canonicalCode(service, err.name)) {
    // The SDK could not deserialise the answer: the target spoke the wrong wire protocol.
    return { service, code: 'ProtocolError', httpStatus, name: err.name, message };
  }
  const code = canonicalCode(service, err.name) ?? (queryCode ? canonicalCode(service, queryCode) : undefined) ?? `${UNMAPPED_PREFIX}${err.name}`;
  const out: NormalizedError = { service, code, httpStatus, name: err.name, message };
  if (queryCode) out.queryCode = queryCode;
  return out;
}

/** Throttling, by error name or HTTP 429: the target (or KMS behind it) asks to slow down. */
const THROTTLE =
  /^(ThrottlingException|Throttling|ThrottledException|RequestThrottled|RequestLimitExceeded|TooManyRequestsException|SlowDown|KmsThrottled|KMSThrottling|KMSThrottlingException)$/;

/**
 * A fault of the target, not an answer the specification judges: a 5xx, or throttling (which the
 * session retries within a bounded budget first). Clauses hit by one are an error, never a deviation.
 */
export function faultOf(n: NormalizedError): 'throttled' | 'server-error' | undefined {
  if (THROTTLE.test(n.name) || n.httpStatus === 429 || (n.queryCode !== undefined && THROTTLE.test(n.queryCode))) return 'throttled';
  if (n.httpStatus !== undefined && n.httpStatus >= 500) return 'server-error';
  return undefined;
}
