/** Shared arrangements for the reference model's tests. */
import { expect } from 'vitest';

/** Awaits a promise that must reject, and returns the error for assertions. */
export async function rejection(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; $fault?: string; Code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  expect.fail('expected the call to be rejected, but it succeeded');
}
