/**
 * The faulty target: wraps any other target and injects faults through its SDK clients. Not in the
 * CLI's registry (it needs a target to wrap); tests and scripts/fault-table.ts build it directly:
 * `new FaultyTarget(makeTarget('moto'), { serverErrorRate: 0.2, seed: 1 })`.
 */
export { FaultyTarget } from './faulty-target.js';
export { describeFaults, faultSpec, type Fault, type FaultSpec } from './spec.js';
