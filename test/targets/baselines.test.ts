import { it } from 'vitest';
import { expectRunMatchesBaseline } from './baseline-check.js';

// Both emulators at once, so that their data-key windows share one real-time wait (about two minutes).
it('the specification on moto and on fauxqs matches each baseline exactly, timing clauses included', async () => {
  await Promise.all([expectRunMatchesBaseline('moto'), expectRunMatchesBaseline('fauxqs')]);
}, 420_000);
