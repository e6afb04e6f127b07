/**
 * Long values shown short, in every output a person reads: the head, the length, a hash that tells
 * two long values apart, and the tail. (A 1 MiB message body once put a 1,048,637-character line on
 * the console.) The full value stays where a user asks for it: `replay`, and `replay --emit`.
 */
import { createHash } from 'node:crypto';

/** Longer texts are abbreviated. */
export const MAX_SHOWN_CHARS = 240;

export function abbreviate(text: string, max = MAX_SHOWN_CHARS): string {
  if (text.length <= max) return text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return `${text.slice(0, 96)}…(${text.length.toLocaleString('en-US')} characters, sha256 ${hash})…${text.slice(-32)}`;
}

/** A value as one line of JSON, abbreviated when long. */
export const shown = (value: unknown, max = MAX_SHOWN_CHARS): string => abbreviate(JSON.stringify(value) ?? String(value), max);
