/** Runs the built CLI (dist/, built by the global setup) as a child process, as a user would. */
import { spawnSync } from 'node:child_process';

export const BUILT_CLI = new URL('../dist/app/cli/main.js', import.meta.url).pathname;

export function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    encoding: 'utf8',
    timeout: opts.timeout ?? 120_000,
    env: opts.env ?? process.env,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
