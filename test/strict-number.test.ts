/** The one strict parser of the numbers a user writes (src/strict-number.ts): decimal digits, within range, nothing else. */
import { describe, expect, it } from 'vitest';
import { parseInteger, strictDecimal, strictInteger } from '../src/strict-number.js';
import { UsageError } from '../src/usage-error.js';

describe('strictInteger', () => {
  it('reads decimal digits within the range', () => {
    expect(strictInteger('0', 0)).toBe(0);
    expect(strictInteger('42', 1, 100)).toBe(42);
    expect(strictInteger('007', 0)).toBe(7);
    expect(strictInteger('9007199254740991', 0)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(['', ' 5', '5 ', '0x10', '1e3', '1.0', '5x', '-1', '+1', 'Infinity', 'NaN', '١٢', '99999999999999999999', '9007199254740992'])('refuses %j', (text) =>
    expect(strictInteger(text, 0)).toBeUndefined(),
  );

  it('refuses a number outside the range', () => {
    expect(strictInteger('0', 1)).toBeUndefined();
    expect(strictInteger('101', 1, 100)).toBeUndefined();
  });
});

describe('strictDecimal', () => {
  it('reads digits with an optional fraction', () => {
    expect(strictDecimal('0')).toBe(0);
    expect(strictDecimal('0.25')).toBe(0.25);
    expect(strictDecimal('1')).toBe(1);
  });

  it.each(['', '.5', '1.', '0x1', '1e-1', '0.2 ', '0,2', '-0.1', '0.1.2', 'Infinity'])('refuses %j', (text) => expect(strictDecimal(text)).toBeUndefined());
});

describe('parseInteger', () => {
  it('names the option and its range in a UsageError (exit code 2)', () => {
    expect(() => parseInteger('0x10', '--runs', 1, 10_000)).toThrow(UsageError);
    expect(() => parseInteger('0x10', '--runs', 1, 10_000)).toThrow('--runs must be a whole number from 1 to 10000 (decimal digits only)');
    expect(parseInteger('10000', '--runs', 1, 10_000)).toBe(10_000);
  });
});
