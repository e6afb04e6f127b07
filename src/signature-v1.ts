/**
 * Reading signatures written as text, as baselines (version 1, without a `version` field) and reports held
 * them before signatures were data: `[rule] sqs:CreateQueue expected InvalidAttributeValue, observed success`,
 * `sqs:GetQueueAttributes KmsMasterKeyId differs`. That text is frozen: it is parsed here, never written,
 * and it does not follow the wording `signatureText` gives today.
 */
import type { DeviationSignature } from './signature.js';

// Version 1 was written when the registry held these three services only: the frozen text names no other.

const RULE = String.raw`(?:\[([^\]]+)\] )?`;
const OUTCOME = new RegExp(String.raw`^${RULE}(kms|sns|sqs):(\w+) expected (.+), observed (\S+)$`);
const FIELD = new RegExp(String.raw`^${RULE}(?:(kms|sns|sqs):(\w+) )?(.+) differs$`);
/** How version 1 wrote an allowed outcome, other than by its code. */
const WORDS: Record<string, string> = { success: 'success', 'any mapped error': '*' };

/** The signature a version 1 text names, or undefined when the text is not one. */
export function parseSignatureV1(text: string): DeviationSignature | undefined {
  const o = OUTCOME.exec(text);
  if (o) {
    const [, rule, service, operation, expected, observed] = o;
    return {
      ...(rule !== undefined ? { rule } : {}),
      service: service!,
      operation: operation!,
      expected: expected!.split(' or ').map((e) => WORDS[e] ?? e),
      observed: observed!,
    };
  }
  const f = FIELD.exec(text);
  if (!f) return undefined;
  const [, rule, service, operation, field] = f;
  return {
    ...(rule !== undefined ? { rule } : {}),
    ...(service !== undefined ? { service: service!, operation: operation! } : {}),
    field: field!,
  };
}

/** A report's deviation as data: its `identity`, or (a report written before signatures were data) its text read as version 1. */
export function identityOf(d: { signature: string; identity?: DeviationSignature | undefined }): DeviationSignature | undefined {
  return d.identity ?? parseSignatureV1(d.signature);
}
