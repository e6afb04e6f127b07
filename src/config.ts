/**
 * The config file (`sse-conformance.config.json`, or `--config FILE`): targets, endpoints,
 * allow-listed accounts and run profiles, validated with zod so that each problem is reported
 * with its path and what was expected. Command-line flags override the file.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ACCOUNT_ID_EXPECTED, ACCOUNT_ID_PATTERN, REGION_EXPECTED, REGION_PATTERN } from './aws-ids.js';
import { readJsonFile } from './read-json-file.js';
import { serviceNames } from './services/registry.js';
import { UsageError } from './usage-error.js';

export const DEFAULT_CONFIG_FILE = 'sse-conformance.config.json';

const accountId = z.string().regex(ACCOUNT_ID_PATTERN, ACCOUNT_ID_EXPECTED);
const url = z.string().url('a URL such as http://127.0.0.1:5000');

/** The schema, given the target names the registry knows. */
export const configSchema = (targets: readonly string[]) =>
  z.strictObject({
    target: z.enum(targets as [string, ...string[]]).optional(),
    // One URL, or one per service of the registry (src/services/).
    endpoint: z.union([url, z.strictObject(Object.fromEntries(serviceNames().map((s) => [s, url])) as Record<string, typeof url>)]).optional(),
    region: z.string().regex(REGION_PATTERN, REGION_EXPECTED).optional(),
    allowAccounts: z.array(accountId).optional(),
    // The same bounds as the flags: fast-check seeds are 32-bit, and runs are bounded.
    seed: z.number().int().min(0).max(0xffff_ffff).optional(),
    runs: z.number().int().min(1).max(10_000).optional(),
    clauses: z.array(z.string().min(1)).optional(),
    tags: z.array(z.string().min(1)).optional(),
    baseline: z.string().min(1).optional(),
    realTimeWindows: z.boolean().optional(),
    reset: z.boolean().optional(),
  });

export type Config = z.infer<ReturnType<typeof configSchema>>;

export class ConfigError extends UsageError {
  override readonly name = 'ConfigError';
}

/** Reads and validates a config file; without an explicit path, a missing default file is no config. */
export function loadConfig(path: string | undefined, targets: readonly string[]): Config {
  const file = path ?? DEFAULT_CONFIG_FILE;
  if (!path && !existsSync(file)) return {};
  // One line, every problem named by its path: a config is written by hand, so all of them at once.
  return readJsonFile(file, configSchema(targets), {
    what: 'config',
    expected: 'a valid config',
    everyProblem: true,
    error: (message) => new ConfigError(message),
  }).data;
}

/** An endpoint setting as the --endpoint flag spells it. */
export function endpointFlag(e: Config['endpoint']): string | undefined {
  if (e === undefined || typeof e === 'string') return e;
  return Object.entries(e)
    .map(([service, u]) => `${service}=${u}`)
    .join(',');
}
