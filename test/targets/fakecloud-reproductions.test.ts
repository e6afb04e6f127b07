/**
 * The reproductions of fakecloud's most important deviations, committed under docs/reproductions/
 * (written by `replay … --emit node`), still reproduce: each, run with plain node against a fresh
 * fakecloud, exits 1 (the deviation shows). When fakecloud fixes one, this fails and says which.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { FakecloudTarget } from '../../test-targets/fakecloud/fakecloud-target.js';
import { describeNeeding } from '../prerequisites.js';

const DIR = join(PACKAGE_ROOT, 'docs', 'reproductions');
const scripts = readdirSync(DIR).filter((f) => f.startsWith('fakecloud-') && f.endsWith('.mjs'));

describeNeeding({ emulators: ['fakecloud'] }, 'fakecloud reproductions', () => {
  const target = new FakecloudTarget();
  beforeAll(() => target.start(), 60_000);
  afterAll(() => target.dispose());

  it('there are some', () => expect(scripts.length).toBeGreaterThanOrEqual(2));

  it.each(scripts)(
    '%s still reproduces on fakecloud (exit 1)',
    async (file) => {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ENDPOINT: target.endpoint!,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
      const { code, stdout } = await promisify(execFile)(process.execPath, [join(DIR, file)], { env, cwd: DIR, timeout: 60_000 }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code?: number; stdout?: string }) => ({ code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '' }),
      );
      expect(code, `${file}: exit 1 means the deviation still shows; 0 means fakecloud now answers as AWS does\n${stdout}`).toBe(1);
      // Exit 1 is also a crash: the script must have reached its verdict, the failing step answered as during the replay.
      expect(stdout).toMatch(/^Reproduces: /m);
      const step = /^At step (\d+), AWS answers/m.exec(stdout)?.[1];
      const answered = /^During the replay, fakecloud answered: (\S+)/m.exec(stdout)?.[1];
      expect(step && answered, stdout).toBeTruthy();
      expect(stdout).toMatch(new RegExp(`^${step}\\. [^\\n]*: ${answered!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    },
    90_000,
  );
});
