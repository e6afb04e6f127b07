/**
 * Writes a file a user names as output (the reports of --out, --record, --write-baseline, replay --emit --out) so
 * that no path can block it: the file is opened without blocking (a FIFO nobody reads answers at once instead of
 * waiting for a reader for ever) and refused unless it is a regular file (a FIFO, a device, a folder) before a byte
 * is written. An existing file is replaced; a new one gets `mode`.
 */
import { closeSync, constants, fstatSync, ftruncateSync, openSync, statSync, writeFileSync } from 'node:fs';
import { UsageError } from './usage-error.js';

const NOT_REGULAR = 'not a regular file (a FIFO, a device or a folder); sse-conformance writes regular files only';

/** An output path that is not a regular file. */
export class OutputFileError extends Error {
  override readonly name = 'OutputFileError';
  readonly code = 'ENOTREG';
}

export function writeOutputFile(path: string, data: string, opts: { mode?: number } = {}): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | (constants.O_NONBLOCK ?? 0), opts.mode ?? 0o666);
  } catch (e) {
    // A FIFO without a reader, opened for writing without blocking.
    if ((e as NodeJS.ErrnoException).code === 'ENXIO') throw new OutputFileError(NOT_REGULAR);
    throw e;
  }
  try {
    if (!fstatSync(fd).isFile()) throw new OutputFileError(NOT_REGULAR);
    ftruncateSync(fd, 0);
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/**
 * Before a run: an output path that exists and is not a regular file is a usage error now (exit code 2), not a
 * write that fails after minutes of running. `stat` does not open the file, so it cannot block.
 */
export function checkOutputPath(path: string, flag: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return; // absent (written later), or unreachable (that write then fails: exit code 4)
  }
  if (!isFile) throw new UsageError(`${flag} ${path}: ${NOT_REGULAR}`);
}
