/**
 * Text on its way to a terminal: every string the CLI writes to stdout or stderr passes through `terminalText`
 * (app/cli/output.ts), because any of it may come from a user or a file (a clause id, a file name, a report's
 * content, an emulator's error message). A terminal obeys control characters: ESC starts sequences that move the
 * cursor, recolour, clear the screen or (OSC) retitle the window; BEL rings; CR overwrites the line; bidi controls
 * (U+202A–U+202E, U+2066–U+2069) reorder what follows so that it reads otherwise than it is. Each of them is shown as
 * an escape instead (`\u001b`, `\u202e`), a form that also keeps JSON and JavaScript output equal in meaning.
 * Credentials in URLs (`http://user:password@host`) are replaced by `***` first, and a one-line text (an error
 * message) also shows its newlines as `\n` and is cut when long (src/abbreviate.ts).
 */
import { abbreviate } from './abbreviate.js';

/**
 * C0 controls but tab and newline, DEL, C1 controls, the bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI) and the
 * line and paragraph separators.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, and tab and newline: what a one-line text must not hold raw. */
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escaped = (c: string) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The user-information part of a URL (`user:password@`), in any text: everything between `scheme://` and the host.
 * The scheme is bounded (32 characters), so that a long run such as `a.a.a.…` costs linear time, not quadratic.
 */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#]*@/gi;

/** `http://user:password@host/` → `http://***@host/`, wherever a URL stands in the text. */
export const redactCredentials = (text: string): string => text.replace(URL_CREDENTIALS, '$1***@');

/** Whether a text holds a character a terminal would obey rather than show. */
export const hasControlCharacters = (text: string, oneLine = false): boolean => new RegExp((oneLine ? UNSAFE_ONE_LINE : UNSAFE).source).test(text);

/**
 * The text as it may reach a terminal: credentials in URLs redacted, control and bidi characters escaped. With
 * `oneLine`, newlines and tabs are escaped too, and a text longer than `max` (default 2,000) is cut.
 */
export function terminalText(text: string, opts: { oneLine?: boolean; max?: number } = {}): string {
  const redacted = redactCredentials(text);
  if (!opts.oneLine) return redacted.replace(UNSAFE, escaped);
  return abbreviate(redacted, opts.max ?? 2_000).replace(UNSAFE_ONE_LINE, escaped);
}

/** A value from a user or a file, quoted inside a one-line message: `"sqs.\u001b[31m…"`, cut at 240 characters. */
export const quoted = (value: string): string => `"${terminalText(value, { oneLine: true, max: 240 })}"`;
