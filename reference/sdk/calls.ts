/**
 * The record of every request the SDK face answered, for assertions in tests, as
 * aws-sdk-client-mock's `commandCalls` offers: which command, by whom, with what input, and what
 * came back. Unlike the KMS ledger (model.kms.ledger), which also shows the KMS requests SNS and SQS
 * make on their own, this is what the application's clients sent.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Service } from '../errors.js';

/** One command the application's clients sent to the reference model (not a call of a recording: src/recording/schema.ts). */
export interface CommandCall<I = Record<string, unknown>> {
  /** Virtual time of the request (ms). */
  at: number;
  service: Service;
  /** The operation, e.g. `SendMessage`. */
  operation: string;
  /** The calling principal (IAM ARN) of the clients that sent it. */
  principal: string;
  input: I;
  ok: boolean;
  /** The output without `$metadata`, when it succeeded. */
  output?: Record<string, unknown>;
  /** The error's name (the SDK exception's, e.g. `KmsDisabled`), when it failed. */
  error?: string;
}

/** An SDK v3 command class (`SendMessageCommand`): its name names the operation. */
export type CommandClass<I> = { readonly name: string } & (abstract new (input: I) => unknown);

/** The calls of one command whose input has every field of `input` (deep equality), oldest first. */
export function callsOf<I extends object>(calls: readonly CommandCall[], command: CommandClass<I>, input?: Partial<I>): CommandCall<I>[] {
  const operation = command.name.replace(/Command$/, '');
  return calls.filter(
    (c) => c.operation === operation && (!input || Object.entries(input).every(([k, v]) => isDeepStrictEqual(c.input[k], v))),
  ) as unknown as CommandCall<I>[];
}
