/**
 * What check-model compares of two successful outcomes: the output fields the clauses read, per
 * operation (SSE attributes, key state, message checksums and bodies). Ids the target chose, dates and
 * signatures are not compared; an SNS envelope is compared by its Type, Subject and Message.
 */
const FIELDS: Record<string, string[]> = {
  'sqs:GetQueueAttributes': ['Attributes.KmsMasterKeyId', 'Attributes.KmsDataKeyReusePeriodSeconds', 'Attributes.SqsManagedSseEnabled'],
  'sns:GetTopicAttributes': ['Attributes.KmsMasterKeyId', 'Attributes.MaximumMessageSize'],
  'kms:CreateKey': ['KeyMetadata.KeyState', 'KeyMetadata.Enabled', 'KeyMetadata.KeyManager', 'KeyMetadata.Origin'],
  'kms:DescribeKey': ['KeyMetadata.KeyState', 'KeyMetadata.Enabled', 'KeyMetadata.KeyManager', 'KeyMetadata.Origin'],
  'sqs:SendMessage': ['MD5OfMessageBody', 'MD5OfMessageAttributes'],
  'sqs:ReceiveMessage': ['Messages'],
};

/** The fields compared for an operation (documented in docs/recordings.md). */
export const comparedFields = (service: string, op: string): string[] => FIELDS[`${service}:${op}`] ?? [];

function valueAt(v: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), v);
}

/** A received message as compared: its body, an SNS envelope reduced to what does not vary by delivery. */
function body(m: unknown): unknown {
  const b = (m as { Body?: unknown })?.Body;
  if (typeof b !== 'string') return b;
  try {
    const e = JSON.parse(b) as Record<string, unknown>;
    if (e && e.Type === 'Notification') return { Type: e.Type, Message: e.Message, ...(e.Subject !== undefined ? { Subject: e.Subject } : {}) };
  } catch {
    // not an envelope: the body as it is
  }
  return b;
}

const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x,
  );

/**
 * The fields of two symbolic outputs that differ, with both values; empty when they agree. When the
 * clause checked one of the compared fields on this call (`checked`, its name), only that one is
 * compared: the clause read that field of this answer, and no other.
 */
export function differingFields(
  service: string,
  op: string,
  recorded: unknown,
  model: unknown,
  checked?: string,
): { field: string; recorded: unknown; model: unknown }[] {
  const out: { field: string; recorded: unknown; model: unknown }[] = [];
  const fields = comparedFields(service, op);
  const only = fields.filter((f) => f.split('.').at(-1) === checked);
  for (const f of only.length ? only : fields) {
    let r = valueAt(recorded, f);
    let m = valueAt(model, f);
    if (f === 'Messages') {
      r = ((r as unknown[] | undefined) ?? []).map(body).map(canon).sort();
      m = ((m as unknown[] | undefined) ?? []).map(body).map(canon).sort();
    }
    if (canon(r) !== canon(m)) out.push({ field: f, recorded: r, model: m });
  }
  return out;
}
