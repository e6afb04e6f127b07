/** The kinds of standalone reproduction `replay --emit` writes. */
import { emitAwsCli } from './aws-cli.js';
import { emitNode } from './node.js';
import type { Reproduction } from './reproduction.js';

export const EMITTERS = ['node', 'aws-cli'] as const;
export type Emitter = (typeof EMITTERS)[number];

export function emit(kind: Emitter, r: Reproduction, opts: { endpoint?: string } = {}): string {
  return kind === 'node' ? emitNode(r, opts) : emitAwsCli(r, opts);
}
