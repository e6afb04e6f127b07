/** Everything under docs/ that is generated, by file name. */
import { readBaseline } from '../baseline.js';
import type { Clause } from '../clause.js';
import { BASELINES } from '../targets.js';
import { FauxqsTarget } from '../../test-targets/fauxqs/fauxqs-target.js';
import { MotoTarget } from '../../test-targets/moto/moto-target.js';
import { ReferenceTarget } from '../../test-targets/reference/reference-target.js';
import { renderConformanceMarkdown } from './conformance-markdown.js';
import { renderSpecMarkdown } from './spec-markdown.js';

export function renderDocs(clauses: Clause[]): Record<string, string> {
  return {
    'spec.md': renderSpecMarkdown(clauses),
    'conformance.md': renderConformanceMarkdown(clauses, [
      { name: 'reference', target: new ReferenceTarget(), baseline: {} },
      // As CI runs them: with real-time windows (test/targets/baselines.test.ts).
      { name: 'moto', target: new MotoTarget({ realTimeWindows: true }), baseline: readBaseline(BASELINES.moto!) },
      { name: 'fauxqs', target: new FauxqsTarget({ realTimeWindows: true }), baseline: readBaseline(BASELINES.fauxqs!) },
    ]),
  };
}
