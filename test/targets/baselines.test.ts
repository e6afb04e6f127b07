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

describe.concurrent('each emulator matches its baseline, timing clauses included', () => {
  for (const m of emulators) {
    it(m.name, async (ctx) => {
      requireOrSkip(ctx, { emulators: [...(m.emulators ?? [])] });
      await expectRunMatchesBaseline(m.name);
    }, 600_000);
  }
});
