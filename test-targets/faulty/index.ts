/**
 * The faulty target: wraps any other target and injects faults through its SDK clients. It is not a
 * registry entry of its own (it needs a target to wrap): the CLI wraps whatever `--target` names when
 * `--faults` is given, and tests and scripts/fault-table.ts build it directly:
 * `new FaultyTarget(makeTarget('moto'), { serverErrorRate: 0.2, seed: 1 })`.
 */
export { FaultyTarget } from './faulty-target.js';
export { describeFaults, faultSpec, FaultSpecError, parseFaults, type Fault, type FaultSpec } from './spec.js';
