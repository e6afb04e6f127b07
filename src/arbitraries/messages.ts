/** Generators for message bodies, attributes and subjects. */
import fc from 'fast-check';

/** Characters SQS accepts in a body (#x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF). */
export const VALID_SQS_BODY = /^[\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u;

/** Every body SQS accepts: one character to a few hundred, ASCII, any valid unicode (astral planes included), JSON-looking text. */
export const anyBodyArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.json({ maxDepth: 2 }),
    fc.constantFrom('x', ' ', '\t\n\r', '😀', '{"Type":"Notification"}', 'a'.repeat(300)),
  )
  .filter((b) => VALID_SQS_BODY.test(b));

/**
 * Bodies made only of white space, a line feed among it: an emulator that writes XML (goaws) leaves such a body
 * unescaped, and an XML reader (the SDK's) drops it, so the body and its MD5 no longer match. They belong to
 * sqs.transparency.body-attributes-and-md5-round-trip, which runs them as examples on every seed.
 */
export const WHITESPACE_BODIES = ['\n', '\t\n\r', ' \r\n ', ' '] as const;

/**
 * The bodies of every other clause: as anyBodyArb, with at least one character that is not white space. Whether
 * a body of white space alone survives is the round-trip clause's behaviour; drawn here too, it would make
 * whichever clause happened to draw one show that clause's deviation, depending on the seed. They are also the
 * bodies SNS is documented to take (a Publish message is any UTF-8 string): nothing documents whether SNS accepts
 * a message of white space alone, so no SNS clause publishes one.
 */
export const bodyArb: fc.Arbitrary<string> = anyBodyArb.filter((b) => /\S/u.test(b));

/**
 * A body of {@link bodyArb} within the Basic Multilingual Plane, for clauses whose behaviour is not the
 * body round trip: which characters a queue takes is the round-trip clauses' behaviour (fauxqs refuses
 * characters above U+FFFF), so a clause about keys does not show it on the seeds that happen to draw one.
 */
export const bmpBodyArb: fc.Arbitrary<string> = bodyArb.filter((b) => !/[\u{10000}-\u{10FFFF}]/u.test(b));

const attrName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/);
const attrValue = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 16 })
    .filter((v) => VALID_SQS_BODY.test(v))
    .map((v) => ({ DataType: 'String', StringValue: v })),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => ({ DataType: 'Number', StringValue: String(n) })),
);

export type MessageAttributes = Record<string, { DataType: string; StringValue: string }>;
export const messageAttributesArb: fc.Arbitrary<MessageAttributes> = fc.dictionary(attrName, attrValue, { minKeys: 0, maxKeys: 4 });

const printable = (from: number) => fc.constantFrom(...Array.from({ length: 127 - from }, (_, i) => String.fromCharCode(from + i)));

/**
 * SNS subjects: printable ASCII, 1 to 99 characters (a subject must be shorter than 100), the first
 * not a space. The Publish reference asks for UTF-8 text without line breaks or control characters;
 * older references also asked for a first character that is a letter, digit or punctuation mark, and
 * fakecloud still refuses a leading space (InvalidParameter for " " and " %"). A subject that satisfies
 * both is documented to be taken whichever applies.
 */
export const subjectArb = fc.tuple(printable(33), fc.string({ unit: printable(32), maxLength: 98 })).map(([first, rest]) => first + rest);
