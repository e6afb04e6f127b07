/** Reads a recording a user names (check-model, the recorded target): anything else is a one-line error. */
import { readFileSync } from 'node:fs';
import { RecordingSchema, type Recording } from './schema.js';

export class RecordingFileError extends Error {
  override readonly name = 'RecordingFileError';
}

export function readRecording(file: string): Recording {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new RecordingFileError(
      `cannot read recording ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : `not JSON (${err.message.replace(/\s+/g, ' ')})`}`,
    );
  }
  const parsed = RecordingSchema.safeParse(raw, { error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : undefined) });
  if (!parsed.success) {
    let issue = parsed.error.issues[0]!;
    // A step is a call or an inspection: name the call's problem (the first alternative), with its full path.
    while (issue.code === 'invalid_union' && issue.errors[0]?.[0])
      issue = { ...issue.errors[0][0], path: [...issue.path, ...issue.errors[0][0].path] } as typeof issue;
    const where =
      issue.path.length === 0
        ? 'the whole file'
        : issue.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
    throw new RecordingFileError(
      `cannot read recording ${file}: not an sse-conformance recording (format ${1}): ${where}: ${issue.message.replace(/^Invalid (input|option): /, '').replace(/\s+/g, ' ')} (write one with run --record FILE)`,
    );
  }
  return parsed.data;
}
