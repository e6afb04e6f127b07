/**
 * The credentials a run's requests carry, and their redaction from whatever a run writes. A target may echo a
 * credential back (a session token in an error message, say): every output (the report in all its formats, a
 * recording, a replay's transcript) shows `<credential>` in its place.
 */
import { clientOf, services } from './services/registry.js';
import type { Target } from './target.js';

/** The environment variables the SDK's default chain reads credentials from. */
export const CREDENTIAL_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];

/** Shorter values are not redacted (they would match ordinary text); real credentials are 16 characters or more. */
const MIN_LENGTH = 12;
/** An AWS access key id of any kind, whoever's it is. */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{16}\b/g;

/** Every credential of the environment and of each principal's clients (after the target started). */
export async function credentialsOf(target: Target): Promise<string[]> {
  const found = CREDENTIAL_ENV.map((k) => process.env[k] ?? '');
  for (let i = 0; i < target.capabilities.principals; i++) {
    const c = target.clients(i);
    for (const client of services().flatMap((e) => clientOf(c, e.name) ?? []) as unknown as { config: Record<string, unknown> }[]) {
      try {
        const provider = client.config.credentials as unknown as () => Promise<{ accessKeyId?: string; secretAccessKey?: string; sessionToken?: string }>;
        const creds = await provider();
        found.push(creds.accessKeyId ?? '', creds.secretAccessKey ?? '', creds.sessionToken ?? '');
      } catch {
        // no credentials to learn (a client that signs nothing)
      }
    }
  }
  return [...new Set(found.filter((c) => c.length >= MIN_LENGTH))];
}

/** The text with each credential, and any access key id, as `<credential>`. */
export function redactSecrets(text: string, credentials: readonly string[]): string {
  let out = text;
  for (const c of credentials) if (c.length >= MIN_LENGTH && out.includes(c)) out = out.split(c).join('<credential>');
  return out.replace(ACCESS_KEY_ID, '<credential>');
}

/**
 * Redacts, in place, every string of plain data (a report's clauses, a transcript) as redactSecrets does. In place, so
 * that what the data shares stays shared (a clause's counterexample is one of its deviations').
 */
export function redactSecretsIn(value: object, credentials: readonly string[]): void {
  const seen = new WeakSet<object>();
  const walk = (o: object): void => {
    if (seen.has(o) || o instanceof Uint8Array) return;
    seen.add(o);
    const record = o as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const v = record[k];
      if (typeof v === 'string') {
        const redacted = redactSecrets(v, credentials);
        if (redacted !== v) record[k] = redacted;
      } else if (v && typeof v === 'object') walk(v);
    }
  };
  walk(value);
}
