/** A vitest reporter that writes each test's outcome as JSON (to $SSE_VITEST_SUMMARY): state, expected-fail flag, skip note, errors, annotations. */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export interface TestOutcome {
  name: string;
  state: string;
  fails: boolean;
  note?: string;
  errors: string[];
  annotations: string[];
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows: TestOutcome[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const r = t.result();
        rows.push({
          name: t.fullName,
          state: r.state,
          fails: t.options.fails ?? false,
          ...(r.state === 'skipped' && r.note ? { note: r.note } : {}),
          errors: (r.errors ?? []).map((e) => e.message),
          annotations: t.annotations().map((a) => a.message),
        });
      }
    }
    writeFileSync(process.env.SSE_VITEST_SUMMARY!, JSON.stringify(rows, null, 1));
  }
}
