/**
 * State of a target's account that clauses share: what a scenario uses besides the resources it creates (those
 * carry its run prefix, so scenarios never see each other's). A clause declares what it shares (`shares` in
 * defineClause), and the runner orders the clauses that share a state when they run concurrently (src/schedule.ts):
 * a clause that uses a state runs beside others that use it, and one that holds it `exclusive` (it changes the
 * state, or what it observes depends on what others did to it) runs alone among them, after every earlier one
 * and before every later one, in clause order. Concurrent runs then give each such clause the state a run of one
 * clause after another gives it, so the report is the same whatever the concurrency.
 */

export const SHARED_STATES = {
  'aws-managed-keys':
    'the AWS managed keys behind alias/aws/sqs, alias/aws/sns and alias/aws/s3, and the reserved alias/aws/ names: created on first use, ' +
    'account-wide, and never prefixed by a run',
} as const;

export type SharedState = keyof typeof SHARED_STATES;

/** A state a clause uses beside others (the name alone), or holds alone among them (`exclusive`). */
export type Share = SharedState | { readonly state: SharedState; readonly exclusive: true };

const stateOf = (s: Share): SharedState => (typeof s === 'string' ? s : s.state);
const exclusive = (s: Share): boolean => typeof s !== 'string' && s.exclusive;

/** Whether two clauses must not run at the same time, nor out of clause order: they share a state, and one holds it exclusively. */
export function conflict(a: readonly Share[] | undefined, b: readonly Share[] | undefined): boolean {
  for (const x of a ?? []) for (const y of b ?? []) if (stateOf(x) === stateOf(y) && (exclusive(x) || exclusive(y))) return true;
  return false;
}

/** The states a clause shares, for messages and the lint. */
export const sharedStates = (shares: readonly Share[] | undefined): SharedState[] => [...new Set((shares ?? []).map(stateOf))];
