/** The whole reference model: one virtual clock, KMS, SQS, SNS and S3 sharing it, in one region. */
import { VirtualClock } from './clock.js';
import { IdSource } from './ids.js';
import { KmsModel } from './kms.js';
import { S3Model } from './s3.js';
import { SnsModel } from './sns.js';
import { SqsModel } from './sqs.js';
import { OutcomeWindows } from './windows.js';
import { callsOf, type CommandClass, type CommandCall } from './sdk/calls.js';

export interface ModelOptions {
  region?: string;
  clock?: VirtualClock;
  /** SQS's largest message: 1,048,576 (default, AWS since Aug 2025) or e.g. 262,144 to match an older target (SQS-17). */
  sqsMaxMessageBytes?: number;
  /** SNS's largest message: 262,144 (SNS-17). */
  snsMaxMessageBytes?: number;
}

export class ReferenceModel {
  readonly clock: VirtualClock;
  readonly region: string;
  readonly windows = new OutcomeWindows();
  readonly kms: KmsModel;
  readonly sqs: SqsModel;
  readonly sns: SnsModel;
  readonly s3: S3Model;
  /** Every request the SDK clients attached to this model sent (every service), oldest first. */
  readonly calls: CommandCall[] = [];

  constructor(options: ModelOptions = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.region = options.region ?? 'us-east-1';
    const ids = new IdSource();
    this.kms = new KmsModel(this.clock, ids, this.region);
    this.sqs = new SqsModel(this.clock, ids, this.kms, this.windows, { region: this.region, maxMessageBytes: options.sqsMaxMessageBytes ?? 1_048_576 });
    this.sns = new SnsModel(this.clock, ids, this.kms, this.sqs, this.windows, { region: this.region, maxMessageBytes: options.snsMaxMessageBytes ?? 262_144 });
    this.s3 = new S3Model(this.clock, this.kms, { region: this.region });
  }

  /** The recorded calls of one command, optionally only those whose input has these fields: `model.commandCalls(SendMessageCommand, { QueueUrl })`. */
  commandCalls<I extends object>(command: CommandClass<I>, input?: Partial<I>): CommandCall<I>[] {
    return callsOf(this.calls, command, input);
  }
}
