/**
 * Every emulator this project starts listens on 127.0.0.1 only: while each target runs, the kernel's
 * socket tables (/proc/net/tcp, tcp6) show its ports bound to loopback and to nothing else.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientOf, serviceNames } from '../../src/services/registry.js';
import { TARGET_MODULES } from '../../test-targets/registry.js';
import { requireOrSkip } from '../prerequisites.js';

/** Local addresses listening on `port`, from /proc/net/tcp and tcp6 (hex, as the kernel writes them). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) out.push(local.split(':')[0]!); // 0A: LISTEN
    }
  }
  return out;
}

const LOOPBACK = new Set(['0100007F', '0000000000000000FFFF00000100007F', '00000000000000000000000001000000']);

describe('emulators bind loopback only', () => {
  for (const m of TARGET_MODULES.filter((x) => x.emulators?.length)) {
    it(m.name, async (ctx) => {
      requireOrSkip(ctx, { emulators: [...m.emulators!] });
      const t = m.create({});
      await t.start();
      try {
        const c = t.clients(0);
        // Every service's client, S3's too (a service no part serves is sent to the first part's port).
        const clients = serviceNames().map((s) => clientOf(c, s) as unknown as { config: { endpoint?: () => Promise<{ port?: string }> } });
        const urls = await Promise.all(clients.map(async (client) => (await client.config.endpoint!()).port));
        const ports = [...new Set(urls.map(Number))];
        for (const port of ports) {
          const bound = listeners(port);
          expect(bound.length, `port ${port} listens`).toBeGreaterThan(0);
          for (const a of bound) expect(LOOPBACK.has(a), `port ${port} bound to ${a}`).toBe(true);
        }
      } finally {
        await t.dispose();
      }
    }, 120_000);
  }
});
