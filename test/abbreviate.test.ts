/** Long values are shown short: head, length, a hash that tells them apart, tail. */
import { expect, it } from 'vitest';
import { abbreviate, shown } from '../src/abbreviate.js';

it('leaves short text alone and abbreviates long text to its head, length, hash and tail', () => {
  expect(abbreviate('short')).toBe('short');
  const long = `${'a'.repeat(1_048_576)}END`;
  const out = abbreviate(long);
  expect(out.length).toBeLessThan(200);
  expect(out).toMatch(/^a{96}…\(1,048,579 characters, sha256 [0-9a-f]{12}\)…a+END$/);
  expect(abbreviate(`${'a'.repeat(1_048_576)}ENE`)).not.toBe(out); // same head, tail and length would still differ by hash
});

it('shows any value as one abbreviated line of JSON', () => {
  const batch = { Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'b'.repeat(200) })) };
  const line = shown(batch, 600);
  expect(line.length).toBeLessThanOrEqual(600);
  expect(line).not.toMatch(/\n/);
  expect(shown({ a: 1 })).toBe('{"a":1}');
});
