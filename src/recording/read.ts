/** Reads a recording a user names (check-model, the recorded target): anything else is a one-line error. */
import { readJsonFile } from '../read-json-file.js';
import { RECORDING_VERSION, RecordingSchema, type Recording } from './schema.js';
import { UsageError } from '../usage-error.js';

export class RecordingFileError extends UsageError {
  override readonly name = 'RecordingFileError';
}

export function readRecording(file: string): Recording {
  return readJsonFile(file, RecordingSchema, {
    what: 'recording',
    expected: `an sse-conformance recording (format ${RECORDING_VERSION})`,
    hint: 'write one with run --record FILE',
    error: (message) => new RecordingFileError(message),
  }).data;
}
