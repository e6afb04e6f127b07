/**
 * The model's virtual clock (reference/clock.ts), the time every KMS, SQS and SNS rule of the model
 * reads (clause-independent, issue 14).
 *
 * Why not a clause: virtual time is the reference's own device for making days pass in a test (key
 * deletion windows, reuse periods, retention); clauses only wait, so a clock that accepted going back
 * or mismeasured an hour would go unnoticed by them, yet users of the model as a fake call advance.
 */
import { expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND, VirtualClock } from '../../reference/clock.js';

it('counts an hour as 3,600 seconds and a day as 24 hours, in milliseconds', () => {
  expect([SECOND, MINUTE, HOUR, DAY]).toEqual([1_000, 60_000, 3_600_000, 86_400_000]);
});

it('moves forward only, by a finite number of milliseconds', () => {
  const clock = new VirtualClock(0);
  expect(clock.advance(0)).toBe(0);
  expect(clock.advance(HOUR)).toBe(HOUR);
  for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(() => clock.advance(ms), String(ms)).toThrow(RangeError);
  expect(clock.now()).toBe(HOUR);
});
