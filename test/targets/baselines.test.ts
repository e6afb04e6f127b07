/**
 * Every emulator in the matrix, run concurrently so that their data-key windows share one real-time
 * wait (about two minutes): each matches its baseline exactly. An emulator that is not provisioned
 * here is reported as not run (CI: it fails).
 */
import { describe, it } from 'vitest';
import { TARGET_MODULES } from '../../test-targets/registry.js';
import { requireOrSkip } from '../prerequisites.js';
import { expectRunMatchesBaseline } from './baseline-check.js';

const emulators = TARGET_MODULES.filter((m) => m.about.matrix && m.baseline);
/**
 * A guard against a hang, not a performance target (docs/benchmarks.md has those): seven emulators share two
 * cores here, so one full run can take several times its idle time. 20 minutes stays inside CI's limit.
 */
const HANG_GUARD_MS = 20 * 60_000;

describe.concurrent('each emulator matches its baseline, timing clauses included', () => {
  for (const m of emulators) {
    it(
      m.name,
      async (ctx) => {
        requireOrSkip(ctx, { emulators: [...(m.emulators ?? [])] });
        await expectRunMatchesBaseline(m.name);
      },
      HANG_GUARD_MS,
    );
  }
});
