/**
 * The plain-words head both script kinds carry as comments: which clause, its source, where the
 * deviation was found, and at the failing step what AWS answers and what the target answered.
 */
import { VERSION } from '../version.js';
import { redactCredentials } from '../terminal-text.js';
import type { Reproduction } from './reproduction.js';

/** Where a script reaches the target when ENDPOINT is unset: moto's default address. */
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:5000';

/**
 * The endpoint a script uses by default: the one the replay ran against when it outlives the replay
 * (an emulator given with --endpoint), else moto's default address (an emulator the replay started
 * itself is gone once the replay ends).
 */
export function defaultEndpoint(given?: string): string {
  // A script is shared (a bug tracker): never with a password in its URL; ENDPOINT gives the whole one.
  return given !== undefined ? redactCredentials(given) : DEFAULT_ENDPOINT;
}

/** Exit codes of every emitted script. */
export const EXIT_LINES = [
  'Exit: 1 the deviation reproduces; 0 it does not (the failing step now answers as AWS does,',
  '      or an earlier step answers otherwise than during the replay); 2 it could not run',
  '      (no answer from the endpoint, a second identity missing); 3 a person has to judge',
  '      (the clause compared something derived from the output; both are printed).',
];

export function statement(r: Reproduction): string[] {
  const judged = r.steps[r.judged.step - 1]!;
  const lines = [
    `Standalone reproduction of a deviation found by sse-conformance ${VERSION}`,
    `(replay of seed ${r.seed}, path ${r.path} on ${r.target.name}).`,
    `Clause ${r.clause.id} (${r.clause.level}): ${r.clause.title}`,
    `Source ${r.clause.source}`,
    `At step ${judged.n} (${judged.service} ${judged.op}):`,
    `  AWS answers:       ${r.judged.aws}`,
    `  ${`${r.target.name} answered:`.padEnd(18)} ${r.judged.target}`,
  ];
  if (r.otherPrincipals.length) lines.push(`Steps ${r.otherPrincipals.join(', ')} act as a second identity (another IAM principal than the other steps).`);
  return lines;
}
