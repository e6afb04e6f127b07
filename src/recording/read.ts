/** Reads a recording a user names (check-model, the recorded target): anything else is a one-line error. */
import { readJsonFile } from '../read-json-file.js';
import { legacyCapabilities, limitsFrom } from '../services/registry.js';
import type { Capabilities } from '../target.js';
import { RECORDING_VERSION, RecordingSchema, type Recording } from './schema.js';
import { UsageError } from '../usage-error.js';

export class RecordingFileError extends UsageError {
  override readonly name = 'RecordingFileError';
}

export function readRecording(file: string): Recording {
  return readJsonFile(file, RecordingSchema, {
    what: 'recording',
    expected: `an sse-conformance recording (format 1 to ${RECORDING_VERSION})`,
    hint: 'write one with run --record FILE',
    error: (message) => new RecordingFileError(message),
  }).data;
}

/**
 * The recorded target's capabilities as a target holds them. Recordings made before some were capabilities lack
 * them: only the aws target (the one account that is not disposable) leased keys, and no inspection showed
 * attributes; those of format 1 held each limit as a capability of its own (`sqsMaxMessageBytes`), read into `limits`.
 */
export function recordedCapabilities(rec: Recording): Capabilities {
  const { limits, atRestAttributes, createKeyHonoursInput, services, ...rest } = rec.target.capabilities;
  const legacy = new Set(legacyCapabilities());
  return {
    ...(Object.fromEntries(Object.entries(rest).filter(([k]) => !legacy.has(k))) as typeof rest),
    services: [...services],
    atRestAttributes: atRestAttributes ?? false,
    createKeyHonoursInput: createKeyHonoursInput ?? rest.disposableAccount,
    limits: limitsFrom(limits, rec.target.capabilities),
  };
}
