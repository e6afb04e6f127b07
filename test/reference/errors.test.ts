/**
 * The identity of the model's errors (reference/errors.ts) against the services' own API models as
 * the AWS SDK for JavaScript v3 ships them (clause-independent, issue 14).
 *
 * Why not a clause: a clause provokes a failure and compares its name and status (X-1); the fault side
 * of every error and the legacy query code of every SQS error (not only the KMS refusals SQS-11 lists)
 * are generic error identity that SDK users read (`$fault`, `Code`), and most of those errors have
 * nothing to do with encryption. The oracle is each error shape's schema in @aws-sdk/client-* (the
 * Smithy traits `error`, `httpError` and, for SQS, `awsQueryError`), which the SDK generates from the
 * models AWS publishes.
 */
import * as kms from '@aws-sdk/client-kms';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { kmsError, ModelError, s3ErrorFromKms, type Service } from '../../reference/errors.js';

type ErrorSchema = [number, string, string, { error: 'client' | 'server'; httpError?: number; awsQueryError?: [string, number] }];

/** Every error shape of a client package: its exported `<Name>$` schema, tagged -3 (the base exception has no error trait). */
function errorShapes(module: Record<string, unknown>): { name: string; traits: ErrorSchema[3] }[] {
  return Object.values(module)
    .filter((v): v is ErrorSchema => Array.isArray(v) && v[0] === -3 && typeof v[2] === 'string' && (v[3] as ErrorSchema[3] | undefined)?.error !== undefined)
    .map((v) => ({ name: v[2], traits: v[3] }));
}

const SERVICES: [Service, Record<string, unknown>][] = [
  ['kms', kms],
  ['sns', sns],
  ['sqs', sqs],
];

describe.each(SERVICES)('%s errors', (service, module) => {
  const shapes = errorShapes(module);

  it('finds the error shapes of the SDK package', () => {
    expect(shapes.length).toBeGreaterThan(20);
  });

  it.each(shapes.map((s) => [s.name, s.traits] as const))('%s: the fault side follows the HTTP status as the model says', (name, traits) => {
    // Smithy error trait: 4xx shapes are client faults, 5xx shapes (KMSInternalException 500, …) server faults
    const e = new ModelError(service, name, 'm', traits.httpError ?? 400);
    expect(e.fault).toBe(traits.error);
  });

  it.each(shapes.map((s) => [s.name, s.traits] as const))('%s: carries the legacy query code of SQS, and none elsewhere', (name, traits) => {
    // SQS JSON protocol (sqs-json-api-responses page, X-1): x-amzn-query-error carries the awsQueryError code
    const e = new ModelError(service, name, 'm', traits.httpError ?? 400);
    expect(e.queryCode).toBe(service === 'sqs' ? (traits.awsQueryError?.[0] ?? name) : undefined);
  });
});

describe('how S3 reports a KMS failure (S3-9)', () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (AccessDenied, 403)
  it('a refusal by the key is S3 AccessDenied with HTTP 403', () => {
    const e = s3ErrorFromKms(kmsError('AccessDeniedException', 'not allowed'));
    expect([e.name, e.message, e.httpStatus]).toEqual(['AccessDenied', 'Access Denied', 403]);
  });

  it('any other KMS failure is its name behind KMS., with HTTP 400', () => {
    const e = s3ErrorFromKms(kmsError('DisabledException', 'key is disabled'));
    expect([e.name, e.message, e.httpStatus]).toEqual(['KMS.DisabledException', 'key is disabled', 400]);
  });
});
