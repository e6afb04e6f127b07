/**
 * What every mutant file uses: the Mutant shape, and helpers that install a wrong behaviour around
 * the reference model (SDK middleware), so the model itself stays free of test hooks.
 */
import * as KMS from '@aws-sdk/client-kms';
import * as SNS from '@aws-sdk/client-sns';
import * as SQS from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import type { ReferenceClients } from '../../reference/index.js';
import type { ReferenceModel } from '../../reference/model.js';
import type { DeviationSignature } from '../../src/signature.js';

// biome-ignore lint/suspicious/noExplicitAny: mutants reach into the model's and the SDK's internals on purpose
export type Any = any;
type Client = { middlewareStack: { add: (mw: Any, o: Any) => void } };

let n = 0;
/** Wraps one operation of a client, inside the SDK's own checks (MD5 validation still applies). */
export function around(client: Client, op: string, fn: (input: Any, next: (input?: Any) => Promise<Any>, model?: ReferenceModel) => Promise<Any>): void {
  client.middlewareStack.add(
    (next: Any, context: Any) => async (args: Any) => {
      if (context.commandName !== `${op}Command`) return next(args);
      const output = await fn(args.input, async (input = args.input) => (await next({ ...args, input })).output);
      return { output, response: {} };
    },
    { step: 'initialize', priority: 'low', name: `mutant-${op}-${++n}` },
  );
}

export const meta = { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 };
export const sqsError = (name: string, message: string) => new SQS.SQSServiceException({ name, $fault: 'client', $metadata: meta, message });
export const snsError = (name: string, message: string) => new SNS.SNSServiceException({ name, $fault: 'client', $metadata: meta, message });
export const kmsError = (name: string, message: string) => new KMS.KMSServiceException({ name, $fault: 'client', $metadata: meta, message });
export const md5 = (s: string) => createHash('md5').update(s).digest('hex');
export const KMS_FAILURE = /^(Kms|KMS)/;

export interface Mutant {
  clause: string;
  /**
   * The deviation the clause must report, as data (src/signature.ts): the failing step's operation
   * with its expected and observed outcome (or the field it checked). A mutant that broke setup instead fails this.
   */
  signature: DeviationSignature;
  /** The wrong behaviour, in the words of a bug report. */
  bug: string;
  /**
   * The most steps its counterexample may take, when the clause's rule cannot be shown in the
   * usual 5 (say why next to it). Default 5.
   */
  maxSteps?: number;
  decorate: (c: ReferenceClients) => void;
}
