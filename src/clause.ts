/**
 * A clause of the specification: one cited sentence and one property over generated inputs.
 * Each `specs/**\/*.spec.ts` file exports exactly one, as `clause`; its id is its path.
 */
import type fc from 'fast-check';
import type { Feature } from './features.js';
import type { Session } from './session.js';
import type { Theme } from './themes.js';
import type { Requirement } from './target.js';
import type { Share } from './shared-state.js';

export type Level = 'MUST' | 'SHOULD' | 'OBSERVED';
export type Evidence = 'DOC' | 'MODEL' | 'OBS' | 'INF' | 'SDK';

export interface Source {
  /** The fact of specs/facts.md this encodes, e.g. `SQS-3`; the lint checks it is defined there. */
  fact: string;
  /** The AWS page (or recorded evidence) it rests on. */
  url: string;
  evidence: Evidence;
}

export interface ClauseDefinition<T> {
  /** `<service>.<topic>.<behaviour>`, equal to the file's path under specs/. */
  id: string;
  /** One sentence that asserts the behaviour. */
  title: string;
  level: Level;
  /** The theme of the mission it belongs to (docs/spec.md's coverage table). */
  theme: Theme;
  /** Primary source first. */
  sources: Source[];
  features: Feature[];
  /** What a target needs for the clause to be observable on it. */
  requires?: Requirement[];
  /**
   * Account-wide state it touches besides what it creates (src/shared-state.ts): `'aws-managed-keys'` to use it beside
   * other clauses, `{ state: 'aws-managed-keys', exclusive: true }` when it changes that state or observes what others
   * did to it. When clauses run concurrently, those that share a state keep their clause order where one holds it
   * exclusively (src/schedule.ts).
   */
  shares?: readonly Share[];
  /** Plain words: what the property generates (for `list`, `explain` and docs/spec.md). */
  generates: string;
  arbitrary: fc.Arbitrary<T>;
  /**
   * Inputs run first, on every seed, before the generated ones: the boundary cases of a small input
   * space, so that a deviation at a boundary shows whatever the seed (a baseline must hold for any seed).
   */
  examples?: T[];
  /**
   * One scenario for one generated input: arrange, act, assert on the target through the session. `s.check` is soft (a failed one is recorded and the
   * scenario goes on: every failed check is its own deviation); `s.require` and call outcomes (`s.send(…, { expect })`,
   * unless `independent`) stop it at once. The runner ends the scenario in one violation carrying every failure.
   */
  scenario: (s: Session, input: T) => Promise<void>;
  /** Caps the number of generated runs (for clauses whose every run is expensive); 0 when `examples` enumerate the whole input space. */
  maxRuns?: number;
  /**
   * For a clause that states several rules: which rule an input exercises. It becomes part of each
   * deviation's signature, so that a target breaking two rules shows two deviations, not one.
   */
  rule?: (input: T) => string;
}

export interface Clause extends Omit<ClauseDefinition<unknown>, 'arbitrary' | 'scenario' | 'examples'> {
  arbitrary: fc.Arbitrary<unknown>;
  examples?: unknown[];
  scenario: (s: Session, input: unknown) => Promise<void>;
}

export function defineClause<T>(d: ClauseDefinition<T>): Clause {
  return d as unknown as Clause;
}
