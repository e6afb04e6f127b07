/**
 * Numbers a user writes (every numeric option, the parts of `--shard` and `--path`, the `--faults` fields: whole
 * numbers and rates), read by one strict parser: decimal digits only. No sign, no hex (`0x10`), no exponent
 * (`1e3`), no blank, no trailing junk (`5x`), and within the range the caller gives, so that a value is never
 * silently read as another one (Number('0x10') is 16, Number('') is 0, and Node's timers turn a delay beyond
 * 2^31−1 ms into 1 ms).
 */
import { UsageError } from './usage-error.js';

/** Longer digit strings are refused before they are converted (no number we take has more than 16 digits). */
const MAX_DIGITS = 16;

/** A whole number written in decimal, within [min, max]; undefined for anything else. */
export function strictInteger(text: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text.length > MAX_DIGITS || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

/** A number written as decimal digits with an optional fraction (`0`, `0.25`, `12.5`); undefined for anything else. */
export function strictDecimal(text: string): number | undefined {
  if (text.length > 2 * MAX_DIGITS || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** The largest delay Node's timers take (a larger one fires after 1 ms, with a warning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `strictInteger` for a named option: a UsageError (exit code 2) that says what it takes. */
export function parseInteger(text: string, name: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const n = strictInteger(text, min, max);
  if (n === undefined) throw new UsageError(`${name} must be a whole number from ${min} to ${max} (decimal digits only)`);
  return n;
}

/** A commander option parser for a whole number in [min, max]. */
export const integerOption =
  (name: string, min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  (text: string): number =>
    parseInteger(text, name, min, max);
