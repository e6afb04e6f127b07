/**
 * The SQS part of the reference model: queues with their three encryption modes and attribute
 * rules, per-principal data-key caches, messages stored as sealed envelopes, and Send / Receive
 * outcomes by key state. Fact numbers (SQS-n) refer to specs/facts.md.
 */
import { createHash } from 'node:crypto';
import type { VirtualClock } from './clock.js';
import { MINUTE, SECOND } from './clock.js';
import { DataKeyCache } from './data-key-cache.js';
import { ModelError, sqsError, sqsErrorFromKms } from './errors.js';
import { type IdSource, principalAccount } from './ids.js';
import type { KmsModel } from './kms.js';
import { md5Hex, md5OfMessageAttributes, type MessageAttributeValue } from './md5.js';
import { MessageStore, type Envelope, type StoredMessage } from './message-store.js';
import { messageSize, parseJson } from './message-size.js';
import type { OutcomeWindows } from './windows.js';

export type SseMode = 'none' | 'sse-sqs' | 'sse-kms';

export interface Queue {
  name: string;
  url: string;
  arn: string;
  account: string;
  fifo: boolean;
  createdAt: number;
  lastModifiedAt: number;
  /** Non-SSE attributes as SQS returns them (strings), defaults filled in. */
  attrs: Record<string, string>;
  sse: { mode: SseMode; kmsMasterKeyId?: string; reusePeriodSeconds: number };
  store: MessageStore;
  dedup: Map<string, { messageId: string; sequenceNumber: string; at: number }>;
  lastPurgeAt?: number;
  tags: Record<string, string>;
}

export interface SqsCall {
  caller: string;
}

export interface SendInput {
  QueueUrl: string;
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface SendResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  SequenceNumber?: string;
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
}

/** What at-rest inspection shows of a stored message: metadata in the clear, the body only if not sealed with KMS (SQS-13). */
export interface AtRestMessage {
  messageId: string;
  encryption: Envelope['kind'];
  keyArn?: string;
  body?: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
}

export interface SqsOptions {
  region: string;
  /** Largest message SQS accepts (SQS-17): 1,048,576 since Aug 2025; 262,144 before and in many emulators. */
  maxMessageBytes: number;
}

const DEFAULTS: Record<string, string> = {
  DelaySeconds: '0',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
};
const INT_RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400], // SQS-8
};
const SETTABLE = new Set([
  ...Object.keys(INT_RANGES),
  'MaximumMessageSize',
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'SqsManagedSseEnabled',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);
const READ_ONLY = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
];
const READABLE = new Set([...SETTABLE, ...READ_ONLY, 'FifoQueue', 'All']);
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
const DEDUP_WINDOW_MS = 5 * MINUTE;
const DEFAULT_REUSE_PERIOD = 300; // SQS-8

const VALID_BODY = /^[\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export class SqsModel {
  readonly queues = new Map<string, Queue>(); // by `${account}/${name}`
  readonly #deletedAt = new Map<string, number>();
  readonly #encryptKeys = new DataKeyCache();
  readonly #decryptKeys = new DataKeyCache();
  #seq = 0;
  readonly #clock: VirtualClock;
  readonly #ids: IdSource;
  readonly #kms: KmsModel;
  readonly #windows: OutcomeWindows;
  readonly options: SqsOptions;

  constructor(clock: VirtualClock, ids: IdSource, kms: KmsModel, windows: OutcomeWindows, options: SqsOptions) {
    this.#clock = clock;
    this.#ids = ids;
    this.#kms = kms;
    this.#windows = windows;
    this.options = options;
  }

  // ---------------------------------------------------------------- queues and attributes

  createQueue(ctx: SqsCall, name: string, attributes: Record<string, string> = {}, tags: Record<string, string> = {}): string {
    const account = accountOf(ctx);
    if (typeof name !== 'string' || name.length === 0)
      throw sqsError(
        'MissingParameter',
        // Stryker disable next-line StringLiteral: MSG
        'The request must contain the parameter QueueName.',
      );
    const fifoName = name.endsWith('.fifo');
    const base = fifoName ? name.slice(0, -5) : name;
    if (!QUEUE_NAME.test(base) || name.length > 80) {
      throw sqsError(
        'InvalidParameterValue',
        // Stryker disable next-line StringLiteral: MSG
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const fifoAttr = attributes.FifoQueue;
    if (fifoAttr !== undefined && fifoAttr !== 'true' && fifoAttr !== 'false')
      throw invalidValue(
        // Stryker disable next-line StringLiteral: MSG
        'FifoQueue',
      );
    const fifo = fifoAttr === 'true';
    if (fifo !== fifoName) {
      throw sqsError(
        'InvalidParameterValue',
        fifo
          ? // Stryker disable next-line StringLiteral: MSG
            'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
          : // Stryker disable next-line StringLiteral: MSG
            'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const { FifoQueue: _ignored, ...rest } = attributes;
    this.#checkAttributes(rest, fifo);
    const key = `${account}/${name}`;
    const existing = this.queues.get(key);
    if (existing) {
      // SQS-18: same name and same attributes returns the URL; any differing attribute is an error.
      const current = this.#attributesOf(existing, ['All']);
      for (const [k, v] of Object.entries(attributes)) {
        if (current[k] !== v)
          throw sqsError(
            'QueueNameExists',
            // Stryker disable next-line StringLiteral: MSG
            `A queue already exists with the same name and a different value for attribute ${k}`,
          );
      }
      return existing.url;
    }
    const deletedAt = this.#deletedAt.get(key);
    // Stryker disable next-line ConditionalExpression: EQ-same
    if (deletedAt !== undefined && this.#clock.now() - deletedAt < 60 * SECOND) {
      throw sqsError(
        'QueueDeletedRecently',
        // Stryker disable next-line StringLiteral: MSG
        'You must wait 60 seconds after deleting a queue before you can create another queue with the same name.',
      );
    }
    const now = this.#clock.now();
    const q: Queue = {
      name,
      url: `https://sqs.${this.options.region}.amazonaws.com/${account}/${name}`,
      arn: `arn:aws:sqs:${this.options.region}:${account}:${name}`,
      account,
      fifo,
      createdAt: now,
      lastModifiedAt: now,
      attrs: { ...DEFAULTS, MaximumMessageSize: String(this.options.maxMessageBytes) },
      // SQS-2: SSE-SQS by default for new queues.
      sse: { mode: 'sse-sqs', reusePeriodSeconds: DEFAULT_REUSE_PERIOD },
      store: new MessageStore(),
      dedup: new Map(),
      // Stryker disable next-line ObjectLiteral: EQ-unread
      tags: { ...tags },
    };
    if (fifo) Object.assign(q.attrs, { ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
    this.#applyAttributes(q, rest);
    this.queues.set(key, q);
    return q.url;
  }

  getQueueUrl(ctx: SqsCall, name: string, ownerAccount?: string): string {
    const q = this.queues.get(`${ownerAccount ?? accountOf(ctx)}/${name}`);
    if (!q) throw queueDoesNotExist();
    return q.url;
  }

  listQueues(ctx: SqsCall, prefix = ''): string[] {
    const account = accountOf(ctx);
    const urls = [...this.queues.values()].filter((q) => q.account === account && q.name.startsWith(prefix)).map((q) => q.url);
    // Stryker disable next-line MethodExpression: MC-order
    return urls.sort();
  }

  deleteQueue(_ctx: SqsCall, queueUrl: string): void {
    const q = this.queue(queueUrl);
    // Stryker disable next-line CallExpression: EQ-unread
    q.store.purge();
    this.queues.delete(`${q.account}/${q.name}`);
    this.#deletedAt.set(`${q.account}/${q.name}`, this.#clock.now());
    // Stryker disable next-line CallExpression: MC-recreated
    this.#encryptKeys.dropResource(q.arn);
    // Stryker disable next-line CallExpression: MC-recreated
    this.#decryptKeys.dropResource(q.arn);
  }

  purgeQueue(_ctx: SqsCall, queueUrl: string): void {
    const q = this.queue(queueUrl);
    const now = this.#clock.now();
    // Stryker disable next-line ConditionalExpression: EQ-same
    if (q.lastPurgeAt !== undefined && now - q.lastPurgeAt < 60 * SECOND) {
      throw sqsError(
        'PurgeQueueInProgress',
        // Stryker disable next-line StringLiteral: MSG
        `Only one PurgeQueue operation on ${q.name} is allowed every 60 seconds.`,
        403,
      );
    }
    q.lastPurgeAt = now;
    q.store.purge();
  }

  setQueueAttributes(_ctx: SqsCall, queueUrl: string, attributes: Record<string, string>): void {
    const q = this.queue(queueUrl);
    this.#checkAttributes(attributes, q.fifo); // FifoQueue is not settable: InvalidAttributeName, as for any unknown name
    this.#applyAttributes(q, attributes);
    q.lastModifiedAt = this.#clock.now();
  }

  getQueueAttributes(_ctx: SqsCall, queueUrl: string, names: string[] = []): Record<string, string> {
    const q = this.queue(queueUrl);
    for (const n of names)
      if (!READABLE.has(n))
        throw sqsError(
          'InvalidAttributeName',
          // Stryker disable next-line StringLiteral: MSG
          `Unknown Attribute ${n}.`,
        );
    return this.#attributesOf(q, names);
  }

  /** Finds a queue by URL (any host: only the account and name path segments count). */
  queue(queueUrl: string): Queue {
    // Stryker disable next-line ConditionalExpression: EQ-same
    if (typeof queueUrl !== 'string') throw queueDoesNotExist();
    const m = /\/(\d{12})\/([^/?#]+)\/?$/.exec(queueUrl);
    const q = m ? this.queues.get(`${m[1]}/${m[2]}`) : undefined;
    if (!q) throw queueDoesNotExist();
    return q;
  }

  queueByArn(arn: string): Queue | undefined {
    const m = /^arn:aws:sqs:[^:]+:(\d{12}):(.+)$/.exec(arn);
    return m ? this.queues.get(`${m[1]}/${m[2]}`) : undefined;
  }

  #checkAttributes(attributes: Record<string, string>, fifo: boolean): void {
    for (const [name, value] of Object.entries(attributes)) {
      if (!SETTABLE.has(name) || (FIFO_ONLY.has(name) && !fifo))
        throw sqsError(
          'InvalidAttributeName',
          // Stryker disable next-line StringLiteral: MSG
          `Unknown Attribute ${name}.`,
        );
      // Stryker disable next-line ConditionalExpression: EQ-unreachable
      if (typeof value !== 'string') throw invalidValue(name);
      const range = INT_RANGES[name];
      if (range && !(/^\d+$/.test(value) && +value >= range[0] && +value <= range[1])) throw invalidValue(name);
      if (name === 'MaximumMessageSize' && !(/^\d+$/.test(value) && +value >= 1024 && +value <= this.options.maxMessageBytes)) throw invalidValue(name);
      if ((name === 'SqsManagedSseEnabled' || name === 'ContentBasedDeduplication') && value !== 'true' && value !== 'false') throw invalidValue(name);
      if (name === 'DeduplicationScope' && value !== 'queue' && value !== 'messageGroup') throw invalidValue(name);
      if (name === 'FifoThroughputLimit' && value !== 'perQueue' && value !== 'perMessageGroupId') throw invalidValue(name);
      if ((name === 'Policy' || name === 'RedrivePolicy' || name === 'RedriveAllowPolicy') && value !== '' && !isJsonObject(value)) throw invalidValue(name);
    }
    // SQS-3: one SSE type at a time. The recorded AWS error is InvalidAttributeName (sic).
    if (attributes.KmsMasterKeyId && attributes.SqsManagedSseEnabled === 'true') throw mutualExclusion();
  }

  /** The SSE transitions of SQS-2…SQS-8, then the other attributes. Attributes were checked already. */
  #applyAttributes(q: Queue, attributes: Record<string, string>): void {
    const { KmsMasterKeyId: key, SqsManagedSseEnabled: managed, KmsDataKeyReusePeriodSeconds: reuse, ...plain } = attributes;
    if (reuse !== undefined) q.sse.reusePeriodSeconds = Number(reuse); // stored even when not shown (SQS-8)
    if (key !== undefined && key !== '') {
      // SQS-4: setting a key selects SSE-KMS and clears SqsManagedSseEnabled.
      q.sse = { mode: 'sse-kms', kmsMasterKeyId: key, reusePeriodSeconds: q.sse.reusePeriodSeconds };
    } else if (
      key === '' &&
      // Stryker disable next-line ConditionalExpression: MC-sse-attrs
      q.sse.mode === 'sse-kms'
    ) {
      // SQS-5: clearing the key leaves the queue unencrypted, unless SSE-SQS is asked for in the same request.
      q.sse = { mode: managed === 'true' ? 'sse-sqs' : 'none', reusePeriodSeconds: q.sse.reusePeriodSeconds };
    } else if (managed === 'true') {
      // [INF] Asking for SSE-SQS on a queue that keeps its KMS key would mean two SSE types at once (SQS-3).
      // Stryker disable next-line ConditionalExpression,StringLiteral: MC-sse-attrs
      if (q.sse.mode === 'sse-kms') throw mutualExclusion();
      q.sse.mode = 'sse-sqs';
    } else if (
      managed === 'false' &&
      // Stryker disable next-line ConditionalExpression: MC-sse-attrs
      q.sse.mode === 'sse-sqs'
    ) {
      q.sse.mode = 'none';
    }
    Object.assign(q.attrs, plain);
  }

  #attributesOf(q: Queue, names: string[]): Record<string, string> {
    q.store.settle(this.#clock.now());
    const all: Record<string, string> = {
      QueueArn: q.arn,
      ApproximateNumberOfMessages: String(q.store.visible),
      ApproximateNumberOfMessagesNotVisible: String(q.store.inflight),
      ApproximateNumberOfMessagesDelayed: String(q.store.delayed),
      CreatedTimestamp: String(Math.floor(q.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(q.lastModifiedAt / 1000)),
      ...q.attrs,
      // SQS-2/4/5: always present, "false" for SSE-KMS and unencrypted queues.
      SqsManagedSseEnabled: String(q.sse.mode === 'sse-sqs'),
    };
    if (q.fifo) all.FifoQueue = 'true';
    if (q.sse.mode === 'sse-kms') {
      all.KmsMasterKeyId = q.sse.kmsMasterKeyId!; // SQS-6: verbatim
      all.KmsDataKeyReusePeriodSeconds = String(q.sse.reusePeriodSeconds); // SQS-8: only while SSE-KMS
    }
    for (const k of ['Policy', 'RedrivePolicy', 'RedriveAllowPolicy']) if (all[k] === '') delete all[k];
    if (names.includes('All')) return all;
    const out: Record<string, string> = {};
    for (const n of names) if (all[n] !== undefined) out[n] = all[n];
    return out;
  }

  // ---------------------------------------------------------------- messages

  sendMessage(ctx: SqsCall, input: SendInput): SendResult {
    const q = this.queue(input.QueueUrl);
    this.#checkMessage(q, input, q.attrs.MaximumMessageSize);
    const envelope = this.#seal(q, ctx.caller); // whole-request KMS failure (SQS-11) before anything is stored
    return this.#enqueue(q, ctx.caller, input, envelope);
  }

  sendMessageBatch(
    ctx: SqsCall,
    queueUrl: string,
    entries: (Omit<SendInput, 'QueueUrl'> & { Id: string })[],
  ): {
    Successful: (SendResult & { Id: string })[];
    Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[];
  } {
    const q = this.queue(queueUrl);
    if (!entries || entries.length === 0)
      throw sqsError(
        'EmptyBatchRequest',
        // Stryker disable next-line StringLiteral: MSG
        'There should be at least one SendMessageBatchRequestEntry in the request.',
      );
    if (entries.length > 10)
      throw sqsError(
        'TooManyEntriesInBatchRequest',
        // Stryker disable next-line StringLiteral: MSG
        `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
      );
    const ids = new Set<string>();
    for (const e of entries) {
      // Stryker disable next-line ConditionalExpression: MC-absent
      if (typeof e.Id !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(e.Id))
        throw sqsError(
          'InvalidBatchEntryId',
          // Stryker disable next-line StringLiteral: MSG
          'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
        );
      if (ids.has(e.Id))
        throw sqsError(
          'BatchEntryIdsNotDistinct',
          // Stryker disable next-line StringLiteral: MSG
          `Id ${e.Id} repeated.`,
        );
      ids.add(e.Id);
    }
    const total = entries.reduce((n, e) => n + messageSize(e.MessageBody, e.MessageAttributes), 0);
    if (total > Number(q.attrs.MaximumMessageSize)) {
      throw sqsError(
        'BatchRequestTooLong',
        // Stryker disable next-line StringLiteral: MSG
        `Batch requests cannot be longer than ${q.attrs.MaximumMessageSize} bytes. You have sent ${total} bytes.`,
      );
    }
    const Successful: (SendResult & { Id: string })[] = [];
    const Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
    const valid: typeof entries = [];
    for (const e of entries) {
      try {
        this.#checkMessage(q, { ...e, QueueUrl: queueUrl }, q.attrs.MaximumMessageSize);
        valid.push(e);
      } catch (err) {
        // Stryker disable next-line ConditionalExpression: EQ-unreachable
        if (!(err instanceof ModelError)) throw err;
        Failed.push({ Id: e.Id, SenderFault: true, Code: err.name, Message: err.message });
      }
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: MC-batch-kms
    if (valid.length > 0) {
      const envelope = this.#seal(q, ctx.caller); // KMS failures fail the whole request (SQS-11)
      for (const e of valid) Successful.push({ Id: e.Id, ...this.#enqueue(q, ctx.caller, { ...e, QueueUrl: queueUrl }, envelope) });
    }
    return { Successful, Failed };
  }

  receiveMessage(
    ctx: SqsCall,
    input: {
      QueueUrl: string;
      MaxNumberOfMessages?: number;
      VisibilityTimeout?: number;
      WaitTimeSeconds?: number;
      AttributeNames?: string[];
      MessageSystemAttributeNames?: string[];
      MessageAttributeNames?: string[];
    },
  ): ReceivedMessage[] {
    const q = this.queue(input.QueueUrl);
    const max = input.MaxNumberOfMessages ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw sqsError(
        'InvalidParameterValue',
        // Stryker disable next-line StringLiteral: MSG
        `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
      );
    }
    if (input.WaitTimeSeconds !== undefined && !(Number.isInteger(input.WaitTimeSeconds) && input.WaitTimeSeconds >= 0 && input.WaitTimeSeconds <= 20)) {
      throw sqsError(
        'InvalidParameterValue',
        // Stryker disable next-line StringLiteral: MSG
        `Value ${input.WaitTimeSeconds} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`,
      );
    }
    const visibility = input.VisibilityTimeout ?? Number(q.attrs.VisibilityTimeout);
    if (!Number.isInteger(visibility) || visibility < 0 || visibility > 43_200) {
      throw sqsError(
        'InvalidParameterValue',
        // Stryker disable next-line StringLiteral: MSG
        `Value ${visibility} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.`,
      );
    }
    const now = this.#clock.now();
    const picked = q.store.pick(max, now, Number(q.attrs.MessageRetentionPeriod) * SECOND, q.fifo);
    // Open every envelope first: one unusable key fails the whole request and nothing becomes in flight
    // (SQS-11; a mixed batch is undocumented, SQS-20 — the model chooses the whole-request failure).
    for (const m of picked) this.#open(q, ctx.caller, m);
    // Stryker disable next-line StringLiteral: EQ-opaque
    const token = () => this.#ids.token('r');
    q.store.commit(picked, now, visibility * SECOND, (m) => `AQEB${Buffer.from(`${q.arn}|${m.messageId}|${token()}`).toString('base64url')}`);
    // Stryker disable next-line ArrayDeclaration: EQ-same
    const sys = new Set([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
    // Stryker disable next-line ArrayDeclaration: EQ-same
    return picked.map((m) => this.#toReceived(m, sys, input.MessageAttributeNames ?? []));
  }

  deleteMessage(_ctx: SqsCall, queueUrl: string, receiptHandle: string): void {
    const q = this.queue(queueUrl);
    if (typeof receiptHandle !== 'string' || receiptHandle === '')
      throw sqsError(
        'MissingParameter',
        // Stryker disable next-line StringLiteral: MSG
        'The request must contain the parameter ReceiptHandle.',
      );
    if (!receiptHandle.startsWith('AQEB'))
      throw sqsError(
        'ReceiptHandleIsInvalid',
        // Stryker disable next-line StringLiteral: MSG
        `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
        404,
      );
    q.store.delete(receiptHandle);
  }

  /** At-rest view of a queue, as a target with inspection would show it (SQS-13: only the body is sealed). */
  inspect(queueUrl: string): AtRestMessage[] {
    const q = this.queue(queueUrl);
    const stored = [...q.store.all()];
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator,CallExpression: MC-order
    stored.sort((a, b) => a.seq - b.seq);
    return stored.map((m) => {
      const out: AtRestMessage = { messageId: m.messageId, encryption: m.envelope.kind };
      if (m.envelope.kind === 'sse-kms') out.keyArn = m.envelope.keyArn;
      else out.body = m.body;
      // Stryker disable next-line ConditionalExpression: EQ-same
      if (m.messageAttributes) out.messageAttributes = m.messageAttributes;
      return out;
    });
  }

  /** SNS delivering into a queue, as the service principal (SNS-16). Throws the SQS error the delivery met. */
  deliverFromSns(queueArn: string, input: Omit<SendInput, 'QueueUrl'>): SendResult {
    const q = this.queueByArn(queueArn);
    if (!q) throw queueDoesNotExist();
    return this.sendMessage({ caller: 'sns.amazonaws.com' }, { ...input, QueueUrl: q.url });
  }

  #checkMessage(q: Queue, input: SendInput, maxSize: string): void {
    const body = input.MessageBody;
    if (typeof body !== 'string' || body.length === 0)
      throw sqsError(
        'MissingParameter',
        // Stryker disable next-line StringLiteral: MSG
        'The request must contain the parameter MessageBody.',
      );
    if (!VALID_BODY.test(body)) {
      throw sqsError(
        'InvalidMessageContents',
        // Stryker disable next-line StringLiteral: MSG
        'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
      );
    }
    checkMessageAttributes(input.MessageAttributes);
    const size = messageSize(input.MessageBody, input.MessageAttributes);
    if (size > Number(maxSize)) {
      throw sqsError(
        'InvalidParameterValue',
        // Stryker disable next-line StringLiteral: MSG
        `One or more parameters are invalid. Reason: Message must be shorter than ${maxSize} bytes.`,
      );
    }
    if (input.DelaySeconds !== undefined) {
      if (q.fifo)
        throw sqsError(
          'InvalidParameterValue',
          // Stryker disable next-line StringLiteral: MSG
          `Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
        );
      if (!Number.isInteger(input.DelaySeconds) || input.DelaySeconds < 0 || input.DelaySeconds > 900) {
        throw sqsError(
          'InvalidParameterValue',
          // Stryker disable next-line StringLiteral: MSG
          `Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`,
        );
      }
    }
    if (q.fifo) {
      if (!input.MessageGroupId)
        throw sqsError(
          'MissingParameter',
          // Stryker disable next-line StringLiteral: MSG
          'The request must contain the parameter MessageGroupId.',
        );
      if (!input.MessageDeduplicationId && q.attrs.ContentBasedDeduplication !== 'true') {
        throw sqsError(
          'InvalidParameterValue',
          // Stryker disable next-line StringLiteral: MSG
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
    }
  }

  /**
   * Seals for one send: plaintext, SSE-SQS, or a data key of the queue's KMS key for this principal,
   * reused until the queue's reuse period ends (SQS-9). A cache miss calls GenerateDataKey, then
   * Decrypt to verify it; either failing fails the request with the SQS spelling (SQS-11).
   */
  #seal(q: Queue, principal: string): Envelope {
    // Stryker disable next-line StringLiteral,ObjectLiteral: EQ-unread
    if (q.sse.mode === 'none') return { kind: 'plaintext' };
    // Stryker disable next-line ObjectLiteral,StringLiteral: EQ-unread
    if (q.sse.mode === 'sse-sqs') return { kind: 'sse-sqs' };
    const keyInput = q.sse.kmsMasterKeyId!;
    const now = this.#clock.now();
    const kctx = sqsKmsCall(q, principal);
    const cached = this.#encryptKeys.get(q.arn, principal, keyInput, now);
    if (cached) {
      // Stryker disable next-line StringLiteral: EQ-unread
      const refusal = this.#kms.wouldFail(keyInput, 'kms:GenerateDataKey', kctx);
      // Stryker disable next-line CallExpression,ConditionalExpression: EQ-unread
      if (refusal) this.#windows.note(sqsErrorFromKms(refusal)); // KMS-9 / SQS-20: AWS may also already fail
      return { kind: 'sse-kms', keyInput, keyArn: cached.keyArn, dataKeyBlob: cached.ciphertextBlob };
    }
    try {
      const dk = this.#kms.generateDataKey(kctx, keyInput, { KeySpec: 'AES_256', EncryptionContext: kctx.encryptionContext });
      this.#kms.decrypt(kctx, dk.ciphertextBlob, { EncryptionContext: kctx.encryptionContext });
      this.#encryptKeys.set(q.arn, principal, {
        keyInput,
        keyArn: dk.keyArn,
        ciphertextBlob: dk.ciphertextBlob,
        expiresAt: now + q.sse.reusePeriodSeconds * SECOND,
      });
      return { kind: 'sse-kms', keyInput, keyArn: dk.keyArn, dataKeyBlob: dk.ciphertextBlob };
    } catch (e) {
      throw e instanceof ModelError ? sqsErrorFromKms(e) : e;
    }
  }

  /**
   * Opens a message for a receiving principal: KMS-sealed bodies need `kms:Decrypt` on the key that
   * sealed them (not the queue's current key, SQS-10/SQS-14), cached per consumer for the reuse period.
   * One Decrypt per consumer and key per period, as the documented cost formula counts it (SQS-9).
   */
  #open(q: Queue, principal: string, m: StoredMessage): void {
    const env = m.envelope;
    if (env.kind !== 'sse-kms') return;
    const now = this.#clock.now();
    const kctx = sqsKmsCall(q, principal);
    if (this.#decryptKeys.get(q.arn, principal, env.keyArn, now)) {
      // Stryker disable next-line StringLiteral: EQ-unread
      const refusal = this.#kms.wouldFail(env.keyArn, 'kms:Decrypt', kctx);
      // Stryker disable next-line CallExpression,ConditionalExpression: EQ-unread
      if (refusal) this.#windows.note(sqsErrorFromKms(refusal));
      return;
    }
    try {
      this.#kms.decrypt(kctx, env.dataKeyBlob, { EncryptionContext: kctx.encryptionContext });
    } catch (e) {
      throw e instanceof ModelError ? sqsErrorFromKms(e) : e;
    }
    this.#decryptKeys.set(q.arn, principal, {
      keyInput: env.keyArn,
      keyArn: env.keyArn,
      ciphertextBlob: env.dataKeyBlob,
      expiresAt: now + q.sse.reusePeriodSeconds * SECOND,
    });
  }

  #enqueue(q: Queue, sender: string, input: SendInput, envelope: Envelope): SendResult {
    const now = this.#clock.now();
    const md5OfBody = md5Hex(input.MessageBody);
    const attrs = input.MessageAttributes && Object.keys(input.MessageAttributes).length > 0 ? input.MessageAttributes : undefined;
    const md5OfAttrs = attrs ? md5OfMessageAttributes(attrs) : undefined;
    let dedupKey: string | undefined;
    // Stryker disable next-line ConditionalExpression: EQ-same
    if (q.fifo) {
      const dedupId = input.MessageDeduplicationId ?? createHash('sha256').update(input.MessageBody).digest('hex');
      dedupKey = q.attrs.DeduplicationScope === 'messageGroup' ? `${input.MessageGroupId}\n${dedupId}` : dedupId;
      const seen = q.dedup.get(dedupKey);
      if (seen && now - seen.at < DEDUP_WINDOW_MS) {
        return withOptional({ MessageId: seen.messageId, MD5OfMessageBody: md5OfBody, SequenceNumber: seen.sequenceNumber }, md5OfAttrs);
      }
    }
    const seq = ++this.#seq;
    const m: StoredMessage = {
      messageId: this.#ids.uuid(3),
      seq,
      body: input.MessageBody,
      envelope,
      md5OfBody,
      senderId: sender,
      sentAt: now,
      visibleAt: now + (input.DelaySeconds ?? Number(q.attrs.DelaySeconds)) * SECOND,
      receiveCount: 0,
      // Stryker disable next-line StringLiteral: EQ-store
      state: 'ready',
    };
    // Stryker disable next-line ConditionalExpression: EQ-same
    if (attrs) {
      m.messageAttributes = attrs;
      m.md5OfMessageAttributes = md5OfAttrs!;
    }
    if (q.fifo) {
      m.groupId = input.MessageGroupId!;
      m.dedupId = input.MessageDeduplicationId ?? dedupKey!;
      m.sequenceNumber = String(seq).padStart(20, '0');
      q.dedup.set(dedupKey!, { messageId: m.messageId, sequenceNumber: m.sequenceNumber, at: now });
    }
    q.store.add(m, now);
    return withOptional({ MessageId: m.messageId, MD5OfMessageBody: md5OfBody, ...(m.sequenceNumber ? { SequenceNumber: m.sequenceNumber } : {}) }, md5OfAttrs);
  }

  #toReceived(m: StoredMessage, sys: Set<string>, attrNames: string[]): ReceivedMessage {
    const out: ReceivedMessage = { MessageId: m.messageId, ReceiptHandle: m.receiptHandle!, MD5OfBody: m.md5OfBody, Body: m.body };
    const all: Record<string, string> = {
      SenderId: m.senderId,
      SentTimestamp: String(m.sentAt),
      ApproximateReceiveCount: String(m.receiveCount),
      ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt),
    };
    if (m.groupId !== undefined) all.MessageGroupId = m.groupId;
    if (m.dedupId !== undefined) all.MessageDeduplicationId = m.dedupId;
    if (m.sequenceNumber !== undefined) all.SequenceNumber = m.sequenceNumber;
    // No names asked for select nothing; an empty selection returns no map.
    const wanted = sys.has('All') ? all : Object.fromEntries(Object.entries(all).filter(([k]) => sys.has(k)));
    if (Object.keys(wanted).length > 0) out.Attributes = wanted;
    if (m.messageAttributes) {
      const pick = Object.entries(m.messageAttributes).filter(([k]) =>
        attrNames.some((n) => n === 'All' || n === '.*' || n === k || (n.endsWith('.*') && k.startsWith(n.slice(0, -1)))),
      );
      if (pick.length > 0) {
        out.MessageAttributes = Object.fromEntries(pick);
        out.MD5OfMessageAttributes = md5OfMessageAttributes(out.MessageAttributes);
      }
    }
    return out;
  }
}

function withOptional(r: SendResult, md5OfAttrs: string | undefined): SendResult {
  return md5OfAttrs ? { ...r, MD5OfMessageAttributes: md5OfAttrs } : r;
}

function accountOf(ctx: SqsCall): string {
  const a = principalAccount(ctx.caller);
  // Stryker disable next-line ConditionalExpression: EQ-unreachable
  if (!a)
    throw sqsError(
      // Stryker disable next-line StringLiteral: EQ-unreachable
      'AccessDenied',
      // Stryker disable next-line StringLiteral: MSG
      `${ctx.caller} is not an account principal.`,
      403,
    );
  return a;
}

const invalidValue = (name: string) =>
  sqsError(
    'InvalidAttributeValue',
    // Stryker disable next-line StringLiteral: MSG
    `Invalid value for the parameter ${name}.`,
  );
const queueDoesNotExist = () =>
  sqsError(
    'QueueDoesNotExist',
    // Stryker disable next-line StringLiteral: MSG
    'The specified queue does not exist.',
  );
const mutualExclusion = () =>
  sqsError(
    'InvalidAttributeName',
    // Stryker disable next-line StringLiteral: MSG
    'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
  );

function isJsonObject(s: string): boolean {
  const v = parseJson(s);
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkMessageAttributes(attrs: Record<string, MessageAttributeValue> | undefined): void {
  if (!attrs) return;
  const names = Object.keys(attrs);
  const bad = (why: string) => sqsError('InvalidParameterValue', why);
  if (names.length > 10)
    throw bad(
      // Stryker disable next-line StringLiteral: MSG
      `Number of message attributes [${names.length}] exceeds the allowed maximum [10].`,
    );
  for (const name of names) {
    const v = attrs[name]!;
    if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..') || /^(aws\.|amazon\.)/i.test(name)) {
      throw bad(
        // Stryker disable next-line StringLiteral: MSG
        `Message attribute name '${name}' is invalid.`,
      );
    }
    // Stryker disable next-line StringLiteral: EQ-same
    const type = v.DataType ?? '';
    const base = type.split('.')[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary')
      throw bad(
        // Stryker disable next-line StringLiteral: MSG
        `The type of message (user) attribute '${name}' is invalid.`,
      );
    if (base === 'Binary' ? v.BinaryValue === undefined : v.StringValue === undefined)
      throw bad(
        // Stryker disable next-line StringLiteral: MSG
        `The message attribute '${name}' must contain a non-empty message attribute value.`,
      );
    if (base === 'Number' && !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.StringValue!))
      throw bad(
        // Stryker disable next-line StringLiteral: MSG
        `Can't cast the value of message (user) attribute '${name}' to a number.`,
      );
    // Stryker disable next-line ConditionalExpression: MC-absent
    if (base === 'String' && v.StringValue === '')
      throw bad(
        // Stryker disable next-line StringLiteral: MSG
        `Message (user) attribute '${name}' must contain a non-empty value of type 'String'.`,
      );
  }
}

/**
 * How SQS calls KMS for a principal: through SQS (kms:ViaService), in the queue's account, with the
 * queue's ARN as encryption context under `aws:sqs:arn` (KMS-12: what key policies in use condition
 * on; AWS does not document it), so that key-policy conditions on it apply (KMS-29).
 */
function sqsKmsCall(q: Queue, principal: string) {
  return { caller: principal, viaService: 'sqs' as const, account: q.account, resource: q.arn, encryptionContext: { 'aws:sqs:arn': q.arn } };
}
