/**
 * Any emulator reachable by URL: one endpoint for every service of the registry, or one per service
 * (`sqs=http://…,sns=http://…,kms=http://…`). Nothing is known about its capabilities, so it gets
 * the conservative set: no virtual clock, no at-rest inspection.
 */
import { isReset } from '../../src/errors/normalize.js';
import { LIVENESS_PAUSES_MS, withRetries } from '../../src/retry.js';
import { serviceNames } from '../../src/services/registry.js';
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { httpTargetCapabilities, SdkTarget, type Endpoints } from '../sdk-target.js';
import { UsageError } from '../../src/usage-error.js';

export class EndpointSpecError extends UsageError {
  override readonly name = 'EndpointSpecError';
}

/** How `--endpoint` names one URL per service: `kms=URL,sns=URL,sqs=URL` for the services of the registry. */
export const endpointsExample = (): string =>
  serviceNames()
    .map((s) => `${s}=URL`)
    .join(',');

/** Parses `URL` or `sqs=URL,sns=URL,kms=URL` (every service of the registry needs one). */
export function parseEndpoints(spec: string | undefined): Endpoints {
  if (!spec) throw new EndpointSpecError(`the endpoint target needs --endpoint URL (or ${endpointsExample()})`);
  const check = (u: string, what: string) => {
    let url: URL;
    try {
      url = new URL(u);
    } catch {
      throw new EndpointSpecError(`${what}: "${u}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EndpointSpecError(`${what}: "${u}" must be http or https`);
    return u.replace(/\/$/, '');
  };
  const services = serviceNames();
  if (!spec.includes('=')) {
    const u = check(spec, '--endpoint');
    return Object.fromEntries(services.map((s) => [s, u])) as Endpoints;
  }
  const parts = Object.fromEntries(
    spec.split(',').map((p) => {
      const [k, ...v] = p.split('=');
      return [k!.trim(), v.join('=').trim()];
    }),
  );
  for (const k of Object.keys(parts))
    if (!services.includes(k)) throw new EndpointSpecError(`--endpoint: unknown service "${k}" (expected ${services.join(', ')})`);
  const missing = services.filter((k) => !parts[k]);
  if (missing.length) throw new EndpointSpecError(`--endpoint: no URL for ${missing.join(', ')}`);
  return Object.fromEntries(services.map((s) => [s, check(parts[s]!, s)])) as Endpoints;
}

export class EndpointTarget extends SdkTarget {
  readonly name = 'endpoint';
  readonly defaultRuns = 10;
  readonly capabilities: Capabilities;
  readonly #endpoints: Endpoints;

  constructor(spec: string | undefined, opts: { region?: string; realTimeWindows?: boolean; requestTimeoutMs?: number } = {}) {
    super({ ...(opts.region ? { region: opts.region } : {}), ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}) });
    this.capabilities = httpTargetCapabilities({ realTimeWindows: opts.realTimeWindows ?? false });
    this.#endpoints = parseEndpoints(spec);
  }

  async start(): Promise<void> {
    for (const [service, url] of Object.entries(this.#endpoints)) {
      // Any HTTP answer means something listens; a dropped connection is asked again over a few seconds (src/retry.ts).
      const sent = await withRetries(() => fetch(url, { signal: AbortSignal.timeout(5000) }), isReset, LIVENESS_PAUSES_MS);
      if (sent.ok) await sent.value.body?.cancel();
      else {
        const e = sent.error;
        throw new TargetUnavailableError(
          `nothing answers at ${url} (${service}): ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`,
        );
      }
    }
    this.endpoints = this.#endpoints;
  }

  async dispose(): Promise<void> {
    this.destroyClients();
  }
}
