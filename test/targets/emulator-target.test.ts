/**
 * The emulator base (test-targets/emulator-target.ts), with fake emulators: small Node HTTP servers
 * started as processes, as a real emulator is. Whatever fails (a health request answered with an
 * error, a second emulator that cannot start), the target is unavailable with the reason in one line,
 * and nothing it started is left: no process, no folder.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetUnavailableError } from '../../src/target.js';
import { type Emulator, EmulatorTarget, type Instance, type Part } from '../../test-targets/emulator-target.js';
import { spawnedEmulator } from '../../test-targets/launched-process.js';
import { alive } from '../process-alive.js';

/** A Node HTTP server on 127.0.0.1 that answers every request with `status` and prints where it listens, as our launchers do. */
const SERVER = `const s = require('node:http').createServer((q, r) => { r.statusCode = Number(process.argv[1]); r.end(); });
s.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port));`;

const fake = (name: string, status: number, o: { command?: string; reset?: string } = {}): Emulator =>
  spawnedEmulator({
    name,
    health: { path: '/health' },
    ...(o.reset ? { reset: o.reset } : {}),
    hint: 'a hint to install it',
    port: 'printed',
    workDir: true,
    command: () => ({ command: o.command ?? process.execPath, args: ['-e', SERVER, String(status)] }),
  });

/** The same emulator, keeping each instance it starts, so that a test can look for what is left of it. */
function watched(emulator: Emulator): Emulator & { started: Instance[] } {
  const started: Instance[] = [];
  return { ...emulator, started, start: async () => started[started.push(await emulator.start()) - 1]! };
}

const target = (parts: Part[], options = {}) => new EmulatorTarget({ name: 'fake', parts }, options);
const gone = (i: Instance) => !alive(i.pid!) && !existsSync(i.dir!);

describe('an emulator target', () => {
  it('starts each emulator, hands each service its own endpoint, and stops every process by PID', async () => {
    const [kms, queues] = [watched(fake('kms-one', 200)), watched(fake('queues', 200))];
    const t = target([
      { emulator: kms, serves: ['kms'] },
      { emulator: queues, serves: ['sqs'] },
    ]);
    expect(t.capabilities.services).toEqual(['kms', 'sqs']);
    await t.start();
    const [k, q] = [kms.started[0]!, queues.started[0]!];
    expect(k.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.pids).toEqual([k.pid, q.pid]);
    const c = t.clients(0);
    const urls = await Promise.all([c.kms, c.sns, c.sqs].map(async (client) => (await client.config.endpoint!()).port));
    expect(urls.map((port) => `http://127.0.0.1:${port}`)).toEqual([k.endpoint, k.endpoint, q.endpoint]); // SNS: no part serves it, never called
    expect(alive(k.pid!) && existsSync(k.dir!) && alive(q.pid!)).toBe(true);
    await t.dispose();
    expect(gone(k) && gone(q)).toBe(true);
  });

  it('is unavailable when an emulator answers its health request with an error, and leaves no process or folder', async () => {
    const sick = watched(fake('sick', 500));
    const t = target([{ emulator: sick, serves: ['kms', 'sns', 'sqs'] }]);
    const e = await t.start().catch((x: unknown) => x);
    const { endpoint } = sick.started[0]!;
    expect(e).toBeInstanceOf(TargetUnavailableError);
    expect((e as Error).message).toBe(`no sick answering at ${endpoint}: HTTP 500 from ${endpoint}/health`);
    expect(gone(sick.started[0]!)).toBe(true);
    expect(t.pids).toEqual([]);
  });

  it('stops the emulators it started when a later one cannot start', async () => {
    const first = watched(fake('first', 200));
    const t = target([
      { emulator: first, serves: ['kms'] },
      { emulator: fake('second', 200, { command: 'no-such-emulator-binary' }), serves: ['sns', 'sqs'] },
    ]);
    await expect(t.start()).rejects.toThrow(new TargetUnavailableError('no-such-emulator-binary not found: a hint to install it'));
    expect(gone(first.started[0]!)).toBe(true);
  });

  it('names how an emulator ended when its process dies while in use, by the crash line a Go program starts with', async () => {
    // A server that, asked for /crash, crashes as a Go program does: the fatal line, then stacks on stderr, exit 2.
    const CRASHING = `${SERVER.replace('r.end(); });', "if (q.url === '/crash') { process.stderr.write('fatal error: concurrent map writes\\n\\ngoroutine 7 [running]:\\nmain.f()\\n'); process.exit(2); } r.end(); });")}`;
    const crashy = watched(
      spawnedEmulator({
        name: 'crashy',
        health: { path: '/health' },
        hint: 'a hint',
        port: 'printed',
        command: () => ({ command: process.execPath, args: ['-e', CRASHING, '200'] }),
      }),
    );
    const t = target([{ emulator: crashy, serves: ['kms', 'sns', 'sqs'] }]);
    await t.start();
    expect(t.whyStopped()).toBeUndefined();
    await fetch(`${crashy.started[0]!.endpoint}/crash`).catch(() => undefined);
    await expect.poll(() => t.whyStopped(), { timeout: 10_000 }).toBe('crashy exited with code 2: fatal error: concurrent map writes');
    expect(alive(crashy.started[0]!.pid!)).toBe(false);
    await t.dispose();
    expect(t.whyStopped()).toBeUndefined();
  });

  it('does not call the end of an emulator it stopped itself a crash', async () => {
    const fine = watched(fake('fine', 200));
    const t = target([{ emulator: fine, serves: ['kms'] }]);
    await t.start();
    const [instance] = fine.started;
    await t.dispose();
    expect(instance!.exited!()).toBeUndefined();
  });

  describe('given the endpoint of an instance the user runs', () => {
    let server: Server;
    let url: string;
    const seen: string[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.statusCode = req.url === '/health' || req.url === '/reset' ? 200 : 404;
        res.end();
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => server.close());

    it('starts nothing, asks its health, wipes it only with reset, and never stops it', async () => {
      const never = watched(fake('user-run', 200, { reset: '/reset' }));
      for (const reset of [false, true]) {
        const t = target([{ emulator: never, serves: ['kms', 'sns', 'sqs'] }], { endpoint: `${url}/`, reset });
        await t.start();
        expect(t.endpoint).toBe(url);
        await t.dispose();
      }
      expect(seen).toEqual(['GET /health', 'POST /reset']);
      expect(never.started).toEqual([]);
      expect((await fetch(`${url}/health`)).ok).toBe(true);
    });

    it('says when what answers there is not the emulator, and that one without a reset cannot be wiped', async () => {
      const noReset = fake('other', 200);
      const wrong = target([{ emulator: { ...noReset, health: { path: '/nope' } }, serves: ['kms'] }], { endpoint: url });
      await expect(wrong.start()).rejects.toThrow(`no other answering at ${url}: HTTP 404 from ${url}/nope`);
      await expect(target([{ emulator: noReset, serves: ['kms'] }], { endpoint: url, reset: true }).start()).rejects.toThrow(
        'other cannot be wiped (it has no reset)',
      );
      const port = await getPort({ host: '127.0.0.1' }); // free: nothing listens there
      const nothing = target([{ emulator: noReset, serves: ['kms'] }], { endpoint: `http://127.0.0.1:${port}` });
      await expect(nothing.start()).rejects.toThrow(`no other answering at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
    });
  });
});
