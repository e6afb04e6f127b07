/** The symbol grammar (src/symbol-table.ts): what it parses, what it refuses, and that making and parsing agree. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSymbol, symbolOf } from '../src/symbol-table.js';

describe('symbols', () => {
  it('parse into kind, number, FIFO suffix and which identifier', () => {
    expect(parseSymbol('queue#0')).toEqual({ kind: 'queue', n: 0, fifo: false });
    expect(parseSymbol('queue#3.fifo')).toEqual({ kind: 'queue', n: 3, fifo: true });
    expect(parseSymbol('arn(key#1)')).toEqual({ kind: 'key', n: 1, fifo: false, of: 'arn' });
    expect(parseSymbol('url(queue#12)')).toEqual({ kind: 'queue', n: 12, fifo: false, of: 'url' });
    expect(parseSymbol('arn(dead-letter#2)')).toEqual({ kind: 'dead-letter', n: 2, fifo: false, of: 'arn' });
  });

  it('refuse what is not one: the run prefix, concrete values, unbalanced or unknown wrappers', () => {
    for (const s of [
      '<run>',
      '<account>',
      'queue',
      'queue#',
      '#0',
      'Queue#0',
      'arn(key#1',
      'key#1)',
      'id(key#1)',
      'arn(arn(key#1))',
      'queue#0 ',
      'x-queue#0-1',
    ])
      expect(parseSymbol(s), s).toBeUndefined();
  });

  it('made by symbolOf, parse back to what made them', () => {
    const kind = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
    fc.assert(
      fc.property(kind, fc.nat(10_000), fc.constantFrom(undefined, 'arn' as const, 'url' as const), (k, n, of) => {
        expect(parseSymbol(symbolOf(k, n, of))).toEqual({ kind: k, n, fifo: false, ...(of ? { of } : {}) });
      }),
    );
  });
});
