/**
 * SNS subscription filter policies (reference/filter-policy.ts) against the documented matching
 * rules (clause-independent, issue 14).
 *
 * Why not a clause: how a filter policy matches is generic SNS behaviour, not encryption; the
 * specification states only that filtering keeps working on an encrypted topic (SNS-1,
 * sns-to-sqs.filter-policy-works-on-encrypted-topic, exact strings only), yet a user of the model as
 * a fake relies on every operator it accepts. Each property restates one documented rule naively.
 *
 * Pages (cited below by name):
 * - policies: https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 * - strings: https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html
 * - numbers: https://docs.aws.amazon.com/sns/latest/dg/numeric-value-matching.html
 * - exists: https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html
 * - constraints: https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
 *
 * Not asserted, because the model implements a subset: Number.Array attributes, anything-but with a
 * nested operator, nested (MessageBody-scope) policies, numeric precision limits, Binary attributes.
 * Numeric conditions against String-typed attributes holding a number: a model choice (SNS-1,
 * Undocumented).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Attributes, checkFilterPolicy, filterMatches } from '../../reference/filter-policy.js';

const word = fc.constantFrom('red', 'Red', 'green', 'blue', 'bl', 're', 'd', 'ue', '');
const words = fc.uniqueArray(word, { minLength: 1, maxLength: 3 });
const str = (Value: string) => ({ Type: 'String', Value });
const arr = (values: string[]) => ({ Type: 'String.Array', Value: JSON.stringify(values) });
const num = (Value: string) => ({ Type: 'Number', Value });
const matches = (policy: unknown, attrs: Attributes) => filterMatches(JSON.stringify(policy), attrs);

describe('string values', () => {
  it('an exact value matches an equal String attribute, case-sensitively; several values are alternatives (OR)', () => {
    // strings: exact matching; policies: at least one of the listed values must match; constraints: case-sensitive
    fc.assert(
      fc.property(words, word, (accepted, v) => {
        expect(matches({ color: accepted }, { color: str(v) })).toBe(accepted.includes(v));
      }),
    );
  });

  it('a String.Array attribute matches when one of its elements matches', () => {
    // strings: "For String.Array type attributes, each element in the array is treated as a separate string"
    fc.assert(
      fc.property(words, fc.array(word, { maxLength: 3 }), (accepted, values) => {
        expect(matches({ color: accepted }, { color: arr(values) })).toBe(values.some((v) => accepted.includes(v)));
      }),
    );
  });

  it('prefix and suffix match the start and the end of a String or String.Array value', () => {
    // strings: prefix matching, suffix matching
    fc.assert(
      fc.property(word, fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), (affix, values, single) => {
        const attr = single ? str(values[0]!) : arr(values);
        const own = single ? [values[0]!] : values;
        expect(matches({ color: [{ prefix: affix }] }, { color: attr })).toBe(own.some((v) => v.startsWith(affix)));
        expect(matches({ color: [{ suffix: affix }] }, { color: attr })).toBe(own.some((v) => v.endsWith(affix)));
      }),
    );
  });

  it('anything-but matches a value that is none of the listed ones; an array matches when one element is none of them', () => {
    // strings: anything-but matching; numbers: an array attribute matches "because it contains a value that isn't" listed
    fc.assert(
      fc.property(words, fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), (banned, values, single, bare) => {
        const attr = single ? str(values[0]!) : arr(values);
        const own = single ? [values[0]!] : values;
        const condition = { 'anything-but': bare ? banned[0] : banned };
        const list = bare ? [banned[0]] : banned;
        expect(matches({ color: [condition] }, { color: attr })).toBe(own.some((v) => !list.includes(v)));
      }),
    );
  });
});

describe('numeric values', () => {
  const small = fc.integer({ min: -2, max: 2 }); // narrow, so that boundaries (x equal to a bound) come up often
  const op = fc.constantFrom('=', '<', '<=', '>', '>=');
  const holds = (x: number, o: string, n: number) => ({ '=': x === n, '<': x < n, '<=': x <= n, '>': x > n, '>=': x >= n })[o];

  it('a numeric condition of one or two comparisons matches a Number attribute satisfying all of them', () => {
    // numbers: exact matching ("=") and value range matching (<, <=, >, >=, combined as in [">", 0, "<=", 150])
    fc.assert(
      fc.property(small, fc.array(fc.tuple(op, small), { minLength: 1, maxLength: 2 }), (x, pairs) => {
        const policy = { price: [{ numeric: pairs.flat() }] };
        expect(matches(policy, { price: num(String(x)) })).toBe(pairs.every(([o, n]) => holds(x, o, n)));
      }),
    );
  });

  it('each comparison decides correctly below, at and above its bound', () => {
    // numbers: value range matching; the bound itself is in for <= and >=, out for < and >
    for (const o of ['=', '<', '<=', '>', '>='])
      for (const x of [-1, 0, 1]) expect(matches({ price: [{ numeric: [o, 0] }] }, { price: num(String(x)) }), `${x} ${o} 0`).toBe(holds(x, o, 0));
  });

  it('a number in the policy matches a Number attribute of equal value, in any notation', () => {
    // numbers: [{"numeric": ["=", 301.5]}] matches 301.5 and 3.015e2; a bare number is the same exact match
    expect(matches({ price: [301.5] }, { price: num('3.015e2') })).toBe(true);
    expect(matches({ price: [{ numeric: ['=', 301.5] }] }, { price: num('3.015e2') })).toBe(true);
    fc.assert(
      fc.property(small, small, (x, n) => {
        expect(matches({ price: [n] }, { price: num(String(x)) })).toBe(x === n);
      }),
    );
  });

  it('a null among the values is one more alternative and does not stop the others', () => {
    // constraints: the policy JSON may hold null
    expect(matches({ color: [null, 'red'] }, { color: str('red') })).toBe(true);
    expect(matches({ color: [null] }, { color: str('red') })).toBe(false);
  });

  it('anything-but with numbers does not match a listed value', () => {
    // numbers: {"anything-but": [100, 500]} matches 101 and 100.1, not 100
    const policy = { price: [{ 'anything-but': [100, 500] }] };
    expect(matches(policy, { price: num('101') })).toBe(true);
    expect(matches(policy, { price: num('100.1') })).toBe(true);
    expect(matches(policy, { price: num('100') })).toBe(false);
  });
});

describe('keys', () => {
  const condition = fc.oneof(
    word,
    fc.record({ prefix: word }),
    fc.record({ 'anything-but': words }),
    fc.record({ numeric: fc.tuple(fc.constantFrom('<', '>='), fc.integer({ min: -2, max: 2 })) }),
  );

  it('an absent attribute matches only {"exists": false}; a present one matches {"exists": true}', () => {
    // exists: "exists": true matches messages that have the attribute, "exists": false those that lack it;
    // policies: each attribute name in the policy must be an attribute of the message
    fc.assert(
      fc.property(fc.array(condition, { minLength: 1, maxLength: 3 }), word, (conditions, v) => {
        expect(matches({ color: conditions }, { other: str(v) })).toBe(false);
        expect(matches({ color: [{ exists: false }] }, { other: str(v) })).toBe(true);
        expect(matches({ color: [{ exists: true }] }, { other: str(v) })).toBe(false);
        expect(matches({ color: [{ exists: true }] }, { color: str(v) })).toBe(true);
        expect(matches({ color: [{ exists: false }] }, { color: str(v) })).toBe(false);
      }),
    );
  });

  it('every key must match (AND), attributes the policy does not name are ignored', () => {
    // policies: a subscription accepts a message when each attribute name in the policy matches; others are ignored
    fc.assert(
      fc.property(words, words, word, word, word, (a, b, x, y, z) => {
        const attrs = { color: str(x), size: str(y), ignored: str(z) };
        expect(matches({ color: a, size: b }, attrs)).toBe(a.includes(x) && b.includes(y));
      }),
    );
  });
});

describe('checking a policy (Subscribe, SetSubscriptionAttributes)', () => {
  // constraints: the policy is JSON; policies: attribute names each with a list of values; the operators
  // are those of the strings, numbers and exists pages. Only whether a problem is reported (a non-empty
  // text: Subscribe refuses the policy) is asserted, not its wording.
  it('accepts the documented forms', () => {
    for (const policy of [
      { color: ['red', 'blue'], price: [301.5] },
      { color: [{ prefix: 'bl' }, { suffix: 'ue' }, { 'anything-but': ['red'] }, { 'anything-but': 'red' }] },
      { price: [{ numeric: ['>', 0, '<=', 150] }, { numeric: ['=', 3] }, { numeric: ['<', 0] }, { numeric: ['>=', 9] }], store: [{ exists: true }] },
      // constraints: the policy JSON may hold the keywords true, false and null
      { flag: [true, false, null] },
    ]) {
      expect(checkFilterPolicy(JSON.stringify(policy)), JSON.stringify(policy)).toBeUndefined();
    }
  });

  it('refuses text that is not a JSON object of non-empty value lists, or an unknown or malformed operator', () => {
    for (const policy of [
      '{"color": ["red"]',
      '["red"]',
      'null',
      '"red"',
      '5',
      '{"color": "red"}',
      '{"color": []}',
      '{"color": [{}]}',
      '{"color": [["red"]]}',
      '{"color": [{"prefix": "b", "suffix": "e"}]}',
      '{"color": [{"wildcard-ish": "b"}]}',
      '{"color": [{"exists": "yes"}]}',
      '{"color": [{"prefix": 5}]}',
      '{"color": [{"suffix": 5}]}',
      '{"price": [{"numeric": [">", 0, "<"]}]}',
      '{"price": [{"numeric": []}]}',
      '{"price": [{"numeric": "> 0"}]}',
      '{"price": [{"numeric": ["~", 0]}]}',
      '{"price": [{"numeric": [">", "0"]}]}',
      // a problem anywhere, not only in the first value of the first key
      '{"color": ["red", {"wildcard-ish": "b"}]}',
      '{"color": ["red"], "size": [{"exists": 1}]}',
      '{"color": ["red"], "size": 5}',
    ]) {
      expect(checkFilterPolicy(policy), policy).toBeTruthy();
    }
  });
});
