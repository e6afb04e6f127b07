/**
 * One table from every spelling of a failure to its canonical code, per service (docs/architecture.md,
 * "Errors, once"; specs/facts.md X-1, SNS-10, SQS-11, KMS-3). Each service's rows are in its registry entry
 * (src/services/: `errors`): SNS spells a disabled key `KMSDisabled` on the wire and `KMSDisabledException` in
 * SDK v3; SQS `KmsDisabled` (JSON shape) and `KMS.DisabledException` (query code); KMS `DisabledException`: all
 * are `KMS.Disabled`.
 */
import { fromRegistry, services, type ServiceName } from '../services/registry.js';

/** A service of the registry (src/services/registry.ts). */
export type Service = ServiceName;

const index = fromRegistry(() => {
  const map = new Map<string, string>();
  for (const e of services()) for (const [canonical, spellings] of e.errors) for (const s of spellings) map.set(`${e.name}:${s}`, canonical);
  return map;
});

/** The canonical code for a service's spelling, or undefined when no row maps it. */
export function canonicalCode(service: Service, spelling: string): string | undefined {
  return index().get(`${service}:${spelling}`);
}

/** Every spelling a service uses for a canonical code (all of the service's spellings for `*`). */
export function spellingsOf(service: Service, canonical: string): string[] {
  const rows = services().find((e) => e.name === service)?.errors ?? [];
  return rows.filter(([c]) => canonical === '*' || c === canonical).flatMap(([, spellings]) => spellings);
}

export const UNMAPPED_PREFIX = 'Unmapped:';
