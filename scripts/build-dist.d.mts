/** Types of scripts/build-dist.mjs, for the tests' global setup. */
export function inputHash(): string;
export function buildDist(options?: { ifStale?: boolean }): boolean;
