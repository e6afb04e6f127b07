/**
 * Reads a JSON file a user names (a config, a baseline, a report, a recording) and validates it.
 * Every problem is one line naming the file: one that cannot be opened, is not a regular file (a
 * folder, a FIFO, a device: opened without blocking and refused before a byte is read), is larger
 * than MAX_JSON_FILE_BYTES, nests deeper than MAX_JSON_DEPTH, is not JSON, or breaks the schema (the
 * first offending path). Text that is not UTF-8 (UTF-16, or bytes of no encoding) is refused; a UTF-8 byte-order
 * mark is dropped. An error never quotes the file's content.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { z } from 'zod';

export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_JSON_DEPTH = 200;

export interface JsonFileKind {
  /** What the file is, for `cannot read <what> <file>: …`: `report`, `config`. */
  what: string;
  /** What it failed to be when the schema refuses it: `an sse-conformance JSON report`. */
  expected: string;
  /** How to get a good one, added in parentheses after a schema problem. */
  hint?: string;
  /** Name every schema problem, not only the first (for a file people write by hand). */
  everyProblem?: boolean;
  /** The reader's own error, so that the CLI answers it as it answers that reader. */
  error: (message: string) => Error;
}

/** The file's JSON, validated: `data` as the schema gives it, `raw` as written (fields a newer version added stay). */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S, kind: JsonFileKind): { data: z.output<S>; raw: unknown } {
  const fail = (problem: string) => kind.error(`cannot read ${kind.what} ${file}: ${problem}`);
  return validateJson(file, parseBounded(readBounded(file, fail), fail), schema, kind);
}

/** JSON already read from `file` (by readJsonFile with a schema that takes anything), validated as readJsonFile does. */
export function validateJson<S extends z.ZodType>(file: string, raw: unknown, schema: S, kind: JsonFileKind): { data: z.output<S>; raw: unknown } {
  const fail = (problem: string) => kind.error(`cannot read ${kind.what} ${file}: ${problem}`);
  const parsed = schema.safeParse(raw, { error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : undefined) });
  if (!parsed.success) {
    const problems = (kind.everyProblem ? parsed.error.issues : parsed.error.issues.slice(0, 1)).map((i) => {
      const issue = firstAlternative(i);
      return clip(`${pathText(issue.path)}: ${issue.message.replace(/^Invalid (input|option): /, '').replace(/\s+/g, ' ')}`, 300);
    });
    throw fail(`not ${kind.expected}: ${problems.join('; ')}${kind.hint ? ` (${kind.hint})` : ''}`);
  }
  return { data: parsed.data, raw };
}

function readBounded(file: string, fail: (problem: string) => Error): string {
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO without a writer returns at once (and is then refused below).
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot open it (${code ?? 'unknown error'})`,
    );
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw fail('it is a folder');
    if (!stat.isFile()) throw fail('not a regular file');
    const tooLarge = `larger than ${MAX_JSON_FILE_BYTES / 1024 / 1024} MiB`;
    if (stat.size > MAX_JSON_FILE_BYTES) throw fail(tooLarge);
    // Up to the end, or one byte past the limit: the size stat gives may be 0 (a /proc file) or grow meanwhile.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, MAX_JSON_FILE_BYTES + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_JSON_FILE_BYTES) throw fail(tooLarge);
    }
    return utf8Text(Buffer.concat(chunks, total), fail);
  } finally {
    closeSync(fd);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The bytes as UTF-8 text, the encoding JSON files are in (RFC 8259): a UTF-8 byte-order mark is dropped (editors
 * on Windows write one), UTF-16 or UTF-32 (a byte-order mark of theirs, or NUL bytes) and bytes that are not UTF-8
 * are refused, rather than read as replacement characters.
 */
function utf8Text(bytes: Buffer, fail: (problem: string) => Error): string {
  const [b0, b1] = bytes;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || (b0 === 0 && b1 === 0) || bytes.includes(0))
    throw fail('UTF-16 or UTF-32 text (it holds NUL bytes); save it as UTF-8');
  try {
    return UTF8.decode(bytes); // drops a leading UTF-8 byte-order mark
  } catch {
    throw fail('not UTF-8 text');
  }
}

function parseBounded(text: string, fail: (problem: string) => Error): unknown {
  if (depthExceeds(text, MAX_JSON_DEPTH)) throw fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message may quote the text; keep only where it went wrong.
    const where = /\(line (\d+) column (\d+)\)/.exec((e as Error).message);
    throw fail(where ? `not JSON (line ${where[1]}, column ${where[2]})` : 'not JSON');
  }
}

/** Whether brackets and braces outside strings nest deeper than `max` (one pass, no recursion). */
export function depthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** A union's problem as that of its first alternative, with the full path (a step is a call or an inspection: name the call's). */
function firstAlternative(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  let i = issue;
  while (i.code === 'invalid_union' && i.errors[0]?.[0]) i = { ...i.errors[0][0], path: [...i.path, ...i.errors[0][0].path] } as z.core.$ZodIssue;
  return i;
}

/** A path as a reader writes it in JavaScript: `clauses[3].verdict`, `["sqs.sse-kms.x"].since` (a long key cut short). */
function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the whole file';
  return path
    .map((k, i) => {
      if (typeof k === 'number') return `[${k}]`;
      const key = clip(String(k), 60);
      return /^[A-Za-z_$][\w$]*$/.test(key) ? (i === 0 ? key : `.${key}`) : `[${JSON.stringify(key)}]`;
    })
    .join('');
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
