/**
 * Exact replay: a counterexample found on one target, replayed on another from its seed and path
 * alone, sends the same inputs, step for step (as symbolised in reports: run prefixes and resource
 * names are the only things that differ between targets, and reports show them symbolically).
 */
import { expect, it } from 'vitest';
import { cli } from './cli-runner.js';
import { describeNeeding } from './prerequisites.js';
import { runClause } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { MotoTarget } from '../test-targets/moto/moto-target.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

const clauses = await loadClauses();
// Clauses whose deviations on moto come from generated values (periods, alias names), not only from fixed examples.
const IDS = ['sqs.sse-kms.reuse-period-range', 'kms.aliases.alias-name-rules'];

describeNeeding({ emulators: ['moto'] }, 'replay of a moto counterexample on the reference', () => {
  it.each(IDS)(
    '%s: every deviation replays with byte-identical inputs',
    async (id) => {
      // Arrange: the deviations moto shows
      const clause = clauses.find((c) => c.id === id)!;
      const moto = new MotoTarget();
      await moto.start();
      let found: Awaited<ReturnType<typeof runClause>>;
      try {
        found = await runClause(moto, clause, { seed: 20261123, runs: 25, prefix: 'rp' });
      } finally {
        await moto.dispose();
      }
      expect(found.verdict, found.reason).toBe('fail');
      const reference = new ReferenceTarget();
      await reference.start();
      for (const [i, d] of found.deviations!.entries()) {
        // Act: replay from seed and path alone (each under its own prefix: a deleted queue's name is not free at once)
        const again = await runClause(reference, clause, {
          seed: d.counterexample.seed,
          path: d.counterexample.path,
          runs: 1,
          prefix: `other${i}`,
          exactSeed: true,
          keepTranscript: true,
        });
        // Assert: the same inputs, in the same order, for every step moto took
        const sent = d.counterexample.steps.map((s) => JSON.stringify([s.service, s.op, s.principal, s.input]));
        const replayed = again.transcript!.slice(0, sent.length).map((s) => JSON.stringify([s.service, s.op, s.principal, s.input]));
        expect(replayed, d.signature).toEqual(sent);
      }
    },
    180_000,
  );

  it('the console prints one command per deviation that replays it without a report file', () => {
    const id = 'sqs.sse-kms.reuse-period-range';
    const run = cli(['run', '--target', 'moto', '--no-baseline', '--clause', id]);
    expect(run.code, run.err).toBe(1);
    const commands = [...run.out.matchAll(/replay: (sse-conformance replay \S+ --seed \d+ --path [\d:]+ --target moto)/g)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThan(0);
    for (const line of run.out.split('\n')) expect(line.length).toBeLessThanOrEqual(2000);
    const args = commands[0]!.split(' ').slice(1);
    const onMoto = cli(args);
    expect(onMoto.code, onMoto.err).toBe(1);
    expect(onMoto.out).toMatch(/reproduced \(fail\)/);
    const onReference = cli([...args.slice(0, -2), '--target', 'reference']);
    expect(onReference.code, onReference.err).toBe(0);
    expect(onReference.out).toMatch(/did not reproduce/);
  }, 180_000);
});
