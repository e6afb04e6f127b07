/**
 * The SNS part of the reference model: topics (standard and FIFO) with `KmsMasterKeyId`, Publish /
 * PublishBatch outcomes by key state with SNS's fixed 5-minute data-key reuse per principal, and
 * subscriptions of SQS queues, delivered synchronously. Fact numbers (SNS-n) refer to
 * specs/facts.md.
 */
import { createHash } from 'node:crypto';
import type { VirtualClock } from './clock.js';
import { MINUTE } from './clock.js';
import { DataKeyCache } from './data-key-cache.js';
import { ModelError, snsError, snsErrorFromKms } from './errors.js';
import { checkFilterPolicy, filterMatches, type Attributes } from './filter-policy.js';
import { type IdSource, principalAccount } from './ids.js';
import type { KmsModel } from './kms.js';
import type { MessageAttributeValue } from './md5.js';
import { messageSize, parseJson } from './message-size.js';
import type { SqsModel } from './sqs.js';
import type { OutcomeWindows } from './windows.js';

/** SNS reuses a data key for up to 5 minutes; the period is fixed (SNS-12). */
export const SNS_DATA_KEY_REUSE_MS = 5 * MINUTE;
const DEDUP_WINDOW_MS = 5 * MINUTE;

export interface Topic {
  name: string;
  arn: string;
  account: string;
  fifo: boolean;
  attrs: Record<string, string>;
  subscriptions: Map<string, Subscription>;
  dedup: Map<string, { messageId: string; sequenceNumber: string; at: number }>;
  tags: Record<string, string>;
}

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: 'sqs';
  endpoint: string;
  owner: string;
  attrs: Record<string, string>;
}

/** One delivery attempt of a published message to one subscription. */
export interface Delivery {
  at: number;
  messageId: string;
  subscriptionArn: string;
  endpoint: string;
  /** 'delivered', 'filtered' (the filter policy did not match), 'failed' (dropped, SNS-16) or 'dead-lettered'. */
  status: 'delivered' | 'filtered' | 'failed' | 'dead-lettered';
  /** The SQS error the delivery met, e.g. `KmsAccessDenied` when the queue key does not allow sns.amazonaws.com. */
  error?: string;
}

export interface PublishInput {
  TopicArn?: string;
  TargetArn?: string;
  Message?: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface SnsOptions {
  region: string;
  /** Largest message (body plus attributes) SNS accepts: 262,144 bytes (SNS-17). */
  maxMessageBytes: number;
}

export interface SnsCall {
  caller: string;
}

const TOPIC_ATTRS = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'KmsMasterKeyId',
  'SignatureVersion',
  'TracingConfig',
  'FifoTopic',
  'ContentBasedDeduplication',
  'ArchivePolicy',
  'FifoThroughputScope',
  'DataProtectionPolicy',
  'MaximumMessageSize',
]);
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'ArchivePolicy', 'FifoThroughputScope']);
const SUB_ATTRS = new Set(['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy', 'DeliveryPolicy']);

const FIFO_NAME_RULE =
  // Stryker disable next-line StringLiteral: MSG
  'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.';

export class SnsModel {
  readonly topics = new Map<string, Topic>(); // by ARN
  // Stryker disable next-line ArrayDeclaration: EQ-unread
  readonly deliveries: Delivery[] = [];
  readonly #dataKeys = new DataKeyCache();
  readonly #clock: VirtualClock;
  readonly #ids: IdSource;
  readonly #kms: KmsModel;
  readonly #sqs: SqsModel;
  readonly #windows: OutcomeWindows;
  readonly options: SnsOptions;
  #seq = 0;

  constructor(clock: VirtualClock, ids: IdSource, kms: KmsModel, sqs: SqsModel, windows: OutcomeWindows, options: SnsOptions) {
    this.#clock = clock;
    this.#ids = ids;
    this.#kms = kms;
    this.#sqs = sqs;
    this.#windows = windows;
    this.options = options;
  }

  // ---------------------------------------------------------------- topics (SNS-4, SNS-5, SNS-7, SNS-14, SNS-18)

  createTopic(ctx: SnsCall, name: string, attributes: Record<string, string> = {}, tags: Record<string, string> = {}): string {
    const account = accountOf(ctx);
    const fifo = attributes.FifoTopic === 'true';
    // Stryker disable next-line Regex: EQ-same
    const base = fifo ? name.replace(/\.fifo$/, '') : name;
    // A standard topic's name cannot end with .fifo: the '.' already fails the pattern.
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(base) || (fifo && !name.endsWith('.fifo'))) {
      // Stryker disable next-line all: MSG
      throw invalidParameter(fifo || name.endsWith('.fifo') ? `Topic Name: ${FIFO_NAME_RULE}` : 'Topic Name');
    }
    if (attributes.FifoTopic !== undefined && attributes.FifoTopic !== 'true' && attributes.FifoTopic !== 'false')
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter('Attributes Reason: FifoTopic must be true or false');
    this.#checkTopicAttributes(attributes, fifo);
    const arn = `arn:aws:sns:${this.options.region}:${account}:${name}`;
    // SNS-18: an existing name returns its ARN, unless the call names an attribute the topic does
    // not have with that value: then it fails (observed on AWS; attributes left out are not compared).
    const existing = this.topics.get(arn);
    if (existing) {
      for (const [k, v] of Object.entries(attributes)) {
        if (k === 'FifoTopic') continue; // equal to the existing topic's by now: the name fixes it (checked above)
        // Stryker disable next-line StringLiteral: MC-absent
        if ((existing.attrs[k] ?? '') !== v) {
          // Stryker disable next-line StringLiteral: MSG
          throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
        }
      }
      return arn;
    }
    const topic: Topic = {
      name,
      arn,
      account,
      fifo,
      attrs: { DisplayName: '', Policy: defaultTopicPolicy(arn, account), SignatureVersion: '1' },
      subscriptions: new Map(),
      dedup: new Map(),
      // Stryker disable next-line ObjectLiteral: EQ-unread
      tags: { ...tags },
    };
    if (fifo) Object.assign(topic.attrs, { FifoTopic: 'true', ContentBasedDeduplication: 'false' });
    for (const [k, v] of Object.entries(attributes)) if (k !== 'FifoTopic') this.#setAttribute(topic, k, v);
    this.topics.set(arn, topic);
    return arn;
  }

  setTopicAttributes(_ctx: SnsCall, topicArn: string, name: string, value: string | undefined): void {
    const topic = this.topic(topicArn);
    if (!TOPIC_ATTRS.has(name) || name === 'FifoTopic') {
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter('AttributeName');
    }
    // Stryker disable next-line StringLiteral: MC-absent
    this.#checkTopicAttributes({ [name]: value ?? '' }, topic.fifo);
    // Stryker disable next-line StringLiteral: MC-absent
    this.#setAttribute(topic, name, value ?? '');
  }

  getTopicAttributes(_ctx: SnsCall, topicArn: string): Record<string, string> {
    const topic = this.topic(topicArn);
    const subs = [...topic.subscriptions.values()];
    return {
      ...topic.attrs,
      TopicArn: topic.arn,
      Owner: topic.account,
      SubscriptionsConfirmed: String(subs.length),
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
      EffectiveDeliveryPolicy: JSON.stringify({
        http: {
          defaultHealthyRetryPolicy: {
            minDelayTarget: 20,
            maxDelayTarget: 20,
            numRetries: 3,
            numMaxDelayRetries: 0,
            numNoDelayRetries: 0,
            numMinDelayRetries: 0,
            backoffFunction: 'linear',
          },
          disableSubscriptionOverrides: false,
        },
      }),
    };
  }

  deleteTopic(_ctx: SnsCall, topicArn: string): void {
    // DeleteTopic of a topic that does not exist succeeds.
    this.topics.delete(topicArn);
    // Stryker disable next-line CallExpression: MC-recreated
    this.#dataKeys.dropResource(topicArn);
  }

  listTopics(ctx: SnsCall): string[] {
    const account = accountOf(ctx);
    const arns = [...this.topics.values()].filter((t) => t.account === account).map((t) => t.arn);
    // Stryker disable next-line MethodExpression: MC-order
    return arns.sort();
  }

  topic(topicArn: string | undefined): Topic {
    const t = topicArn ? this.topics.get(topicArn) : undefined;
    if (!t) {
      // Stryker disable next-line StringLiteral: MSG
      const message = 'Topic does not exist';
      throw snsError('NotFoundException', message, 404);
    }
    return t;
  }

  #checkTopicAttributes(attributes: Record<string, string>, fifo: boolean): void {
    for (const [k, v] of Object.entries(attributes)) {
      // Stryker disable next-line StringLiteral: MSG
      if (!TOPIC_ATTRS.has(k) || (FIFO_ONLY.has(k) && !fifo)) throw invalidParameter(`Attributes Reason: Unknown attribute ${k}`);
      if (k === 'ContentBasedDeduplication' && v !== 'true' && v !== 'false')
        // Stryker disable next-line StringLiteral: MSG
        throw invalidParameter('Attributes Reason: ContentBasedDeduplication must be true or false');
      if ((k === 'Policy' || k === 'DeliveryPolicy') && v !== '' && !isJson(v)) {
        // Stryker disable next-line StringLiteral: MSG
        throw invalidParameter(`Attributes Reason: ${k}: Invalid JSON`);
      }
      // SNS-17 as corrected: a topic's own limit, an integer from 1,024 to 1,048,576 bytes.
      if (k === 'MaximumMessageSize' && !(/^\d+$/.test(v) && +v >= 1024 && +v <= 1_048_576))
        // Stryker disable next-line StringLiteral: MSG
        throw invalidParameter('Attributes Reason: MaximumMessageSize must be an integer between 1024 and 1048576');
    }
  }

  #setAttribute(topic: Topic, name: string, value: string): void {
    // SNS-4/SNS-5: the key identifier is stored verbatim and not validated (SNS-7); "" turns SSE off and the attribute disappears.
    if (name === 'KmsMasterKeyId' && value === '') delete topic.attrs.KmsMasterKeyId;
    else topic.attrs[name] = value;
  }

  // ---------------------------------------------------------------- subscriptions (SNS-16)

  subscribe(ctx: SnsCall, topicArn: string, protocol: string, endpoint: string | undefined, attributes: Record<string, string> = {}): string {
    const topic = this.topic(topicArn);
    if (protocol !== 'sqs') {
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter(`Protocol Reason: the reference model delivers only to sqs, not ${protocol}`);
    }
    // Stryker disable next-line StringLiteral: MSG
    if (!endpoint || !/^arn:aws:sqs:[^:]+:\d{12}:[A-Za-z0-9_.-]+$/.test(endpoint)) throw invalidParameter('SQS endpoint ARN');
    // A FIFO topic delivers to FIFO and standard queues alike (SNS developer guide, "Message delivery for FIFO topics");
    // a standard topic takes no FIFO queue (SNS-22, recorded on AWS).
    if (!topic.fifo && endpoint.endsWith('.fifo'))
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
    for (const [k, v] of Object.entries(attributes)) this.#checkSubscriptionAttribute(k, v);
    for (const s of topic.subscriptions.values()) {
      if (s.endpoint !== endpoint) continue;
      // The same endpoint again returns its subscription, unless a named attribute differs (observed on AWS).
      for (const [k, v] of Object.entries(attributes)) {
        // Stryker disable next-line StringLiteral: MC-absent
        if ((s.attrs[k] ?? '') !== v) {
          // Stryker disable next-line StringLiteral: MSG
          throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
        }
      }
      return s.arn;
    }
    const arn = `${topic.arn}:${this.#ids.uuid(4)}`;
    topic.subscriptions.set(arn, {
      arn,
      topicArn: topic.arn,
      // Stryker disable next-line StringLiteral: EQ-unread
      protocol: 'sqs',
      endpoint,
      owner: accountOf(ctx),
      attrs: { RawMessageDelivery: 'false', ...attributes },
    });
    return arn;
  }

  unsubscribe(_ctx: SnsCall, subscriptionArn: string): void {
    for (const t of this.topics.values()) if (t.subscriptions.delete(subscriptionArn)) return;
    // Stryker disable next-line StringLiteral: MSG
    const message = 'Subscription does not exist';
    throw snsError('NotFoundException', message, 404);
  }

  #checkSubscriptionAttribute(k: string, v: string): void {
    // Stryker disable next-line StringLiteral: MSG
    if (!SUB_ATTRS.has(k)) throw invalidParameter(`Attributes Reason: Unknown attribute ${k}`);
    if (k === 'RawMessageDelivery' && v !== 'true' && v !== 'false') {
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter('Attributes Reason: RawMessageDelivery: Invalid value');
    }
    if (k === 'FilterPolicy') {
      const problem = checkFilterPolicy(v);
      // Stryker disable next-line StringLiteral: MSG
      if (problem) throw invalidParameter(`Filter policy: ${problem}`);
    }
    if (k === 'RedrivePolicy' && !(isJson(v) && typeof JSON.parse(v).deadLetterTargetArn === 'string'))
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter('RedrivePolicy: deadLetterTargetArn is required');
  }

  // ---------------------------------------------------------------- publishing (SNS-2, SNS-10, SNS-12, SNS-13, SNS-17)

  publish(ctx: SnsCall, input: PublishInput): { MessageId: string; SequenceNumber?: string } {
    // Stryker disable next-line StringLiteral: MSG
    if (!input.TopicArn && !input.TargetArn) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
    const topic = this.topic(input.TopicArn ?? input.TargetArn);
    this.#checkPublish(topic, input);
    this.#obtainDataKey(topic, ctx.caller);
    return this.#accept(topic, input);
  }

  publishBatch(
    ctx: SnsCall,
    topicArn: string,
    entries: (Omit<PublishInput, 'TopicArn' | 'TargetArn'> & { Id: string })[],
  ): {
    Successful: { Id: string; MessageId: string; SequenceNumber?: string }[];
    Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[];
  } {
    const topic = this.topic(topicArn);
    // Stryker disable next-line StringLiteral: MSG
    const empty = "The batch request doesn't contain any entries.";
    if (!entries || entries.length === 0) throw snsError('EmptyBatchRequestException', empty);
    // Stryker disable next-line StringLiteral: MSG
    const tooMany = 'The batch request contains more entries than permissible.';
    if (entries.length > 10) throw snsError('TooManyEntriesInBatchRequestException', tooMany);
    const ids = new Set<string>();
    for (const e of entries) {
      if (typeof e.Id !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(e.Id))
        throw snsError(
          'InvalidBatchEntryIdException',
          // Stryker disable next-line StringLiteral: MSG
          "The Id of a batch entry in a batch request doesn't abide by the specification.",
        );
      if (ids.has(e.Id)) {
        // Stryker disable next-line StringLiteral: MSG
        const message = 'Two or more batch entries in the request have the same Id.';
        throw snsError('BatchEntryIdsNotDistinctException', message);
      }
      ids.add(e.Id);
    }
    const total = entries.reduce((n, e) => n + messageSize(e.Message, e.MessageAttributes), 0);
    if (total > this.#maxMessageBytes(topic))
      throw snsError(
        'BatchRequestTooLongException',
        // Stryker disable next-line StringLiteral: MSG
        'The length of all the messages put together is more than the limit.',
      );
    const Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
    const valid: typeof entries = [];
    for (const e of entries) {
      try {
        this.#checkPublish(topic, e);
        valid.push(e);
      } catch (err) {
        // Stryker disable next-line ConditionalExpression: EQ-unreachable
        if (!(err instanceof ModelError)) throw err;
        // Stryker disable next-line Regex: EQ-same
        Failed.push({ Id: e.Id, Code: err.name.replace(/Exception$/, ''), Message: err.message, SenderFault: true });
      }
    }
    const Successful: { Id: string; MessageId: string; SequenceNumber?: string }[] = [];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: MC-batch-kms
    if (valid.length > 0) {
      this.#obtainDataKey(topic, ctx.caller); // KMS failures fail the whole request (SNS-10)
      for (const e of valid) Successful.push({ Id: e.Id, ...this.#accept(topic, { ...e, TopicArn: topicArn }) });
    }
    return { Successful, Failed };
  }

  /** Body plus attributes, in bytes: the topic's MaximumMessageSize, or SNS's default. */
  #maxMessageBytes(topic: Topic): number {
    return topic.attrs.MaximumMessageSize !== undefined ? Number(topic.attrs.MaximumMessageSize) : this.options.maxMessageBytes;
  }

  #checkPublish(topic: Topic, input: PublishInput): void {
    if (typeof input.Message !== 'string' || input.Message.length === 0) {
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter('Empty message');
    }
    // Stryker disable next-line StringLiteral: MSG
    if (messageSize(input.Message, input.MessageAttributes) > this.#maxMessageBytes(topic)) throw invalidParameter('Message too long');
    // UTF-8 text without line breaks or control characters, shorter than 100 characters (Publish API reference).
    if (input.Subject !== undefined && (input.Subject.length === 0 || input.Subject.length >= 100 || /[\u0000-\u001F\u007F]/.test(input.Subject)))
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter('Subject');
    if (input.MessageStructure !== undefined && input.MessageStructure !== 'json') {
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter('MessageStructure');
    }
    if (input.MessageStructure === 'json') {
      const parsed = isJson(input.Message) ? JSON.parse(input.Message) : undefined;
      if (typeof parsed?.default !== 'string') {
        // Stryker disable next-line StringLiteral: MSG
        throw invalidParameter('Message Structure - No default entry in JSON message body');
      }
    }
    for (const [name, v] of Object.entries(input.MessageAttributes ?? {})) {
      // Stryker disable next-line StringLiteral: EQ-same
      const type = v.DataType ?? '';
      if (
        !['String', 'Number', 'Binary', 'String.Array'].includes(
          type
            .split('.')
            .slice(0, type.startsWith('String.Array') ? 2 : 1)
            .join('.'),
        )
      ) {
        throw snsError(
          'InvalidParameterValueException',
          // Stryker disable next-line StringLiteral: MSG
          `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
        );
      }
      if (type.startsWith('Binary') ? v.BinaryValue === undefined : !v.StringValue) {
        throw snsError(
          'InvalidParameterValueException',
          // Stryker disable next-line StringLiteral: MSG
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
        );
      }
    }
    if (topic.fifo) {
      // Stryker disable next-line StringLiteral: MSG
      if (!input.MessageGroupId) throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
      if (!input.MessageDeduplicationId && topic.attrs.ContentBasedDeduplication !== 'true') {
        // Stryker disable next-line StringLiteral: MSG
        throw invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
    } else if (input.MessageDeduplicationId !== undefined) {
      // Stryker disable next-line StringLiteral: MSG
      throw invalidParameter('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
    }
  }

  /**
   * SSE: a publishing principal needs a data key of the topic's KMS key, reused for 5 minutes. A
   * cache miss calls GenerateDataKey and Decrypt (SNS-9, SNS-12); a refusal fails the publish with
   * SNS's spelling of the KMS error (SNS-10). The key is resolved at publish time (SNS-7).
   */
  #obtainDataKey(topic: Topic, principal: string): void {
    const keyInput = topic.attrs.KmsMasterKeyId;
    if (!keyInput) return;
    const now = this.#clock.now();
    // KMS-12, KMS-29: SNS binds its data keys to the topic, as `aws:sns:topicArn` (the SNS guide's key policy conditions on it).
    const kctx = {
      caller: principal,
      viaService: 'sns' as const,
      account: topic.account,
      resource: topic.arn,
      encryptionContext: { 'aws:sns:topicArn': topic.arn },
    };
    if (this.#dataKeys.get(topic.arn, principal, keyInput, now)) {
      const refusal = this.#kms.wouldFail(keyInput, 'kms:GenerateDataKey', kctx);
      if (refusal) this.#windows.note(snsErrorFromKms(refusal)); // SNS-13: may already fail
      return;
    }
    try {
      const dk = this.#kms.generateDataKey(kctx, keyInput, { KeySpec: 'AES_256', EncryptionContext: kctx.encryptionContext });
      this.#kms.decrypt(kctx, dk.ciphertextBlob, { EncryptionContext: kctx.encryptionContext });
      this.#dataKeys.set(topic.arn, principal, { keyInput, keyArn: dk.keyArn, ciphertextBlob: dk.ciphertextBlob, expiresAt: now + SNS_DATA_KEY_REUSE_MS });
    } catch (e) {
      throw e instanceof ModelError ? snsErrorFromKms(e) : e;
    }
  }

  /** Accepts a checked message and delivers it to every subscription at once (SNS-2: subscribers get plaintext). */
  #accept(topic: Topic, input: PublishInput): { MessageId: string; SequenceNumber?: string } {
    const now = this.#clock.now();
    let dedupId: string | undefined;
    // Stryker disable next-line ConditionalExpression: EQ-same
    if (topic.fifo) {
      dedupId = input.MessageDeduplicationId ?? createHash('sha256').update(input.Message!).digest('hex');
      const seen = topic.dedup.get(dedupId);
      if (seen && now - seen.at < DEDUP_WINDOW_MS) return { MessageId: seen.messageId, SequenceNumber: seen.sequenceNumber };
    }
    const messageId = this.#ids.uuid(5);
    const out: { MessageId: string; SequenceNumber?: string } = { MessageId: messageId };
    if (topic.fifo) {
      out.SequenceNumber = String(++this.#seq).padStart(20, '0');
      topic.dedup.set(dedupId!, { messageId, sequenceNumber: out.SequenceNumber, at: now });
    }
    const message = input.MessageStructure === 'json' ? String(JSON.parse(input.Message!).sqs ?? JSON.parse(input.Message!).default) : input.Message!;
    const snsAttrs: Attributes = Object.fromEntries(
      Object.entries(input.MessageAttributes ?? {}).map(([k, v]) => [
        k,
        {
          Type: v.DataType!,
          Value: v.BinaryValue !== undefined ? Buffer.from(v.BinaryValue).toString('base64') : v.StringValue!,
        },
      ]),
    );
    for (const sub of topic.subscriptions.values()) {
      // Stryker disable next-line ObjectLiteral,StringLiteral: EQ-unread
      const d: Delivery = { at: now, messageId, subscriptionArn: sub.arn, endpoint: sub.endpoint, status: 'delivered' };
      const policy = sub.attrs.FilterPolicy;
      const scopeAttrs = sub.attrs.FilterPolicyScope === 'MessageBody' ? bodyAsAttributes(message) : snsAttrs;
      // Stryker disable next-line BlockStatement: EQ-unread
      if (policy && !filterMatches(policy, scopeAttrs)) {
        // Stryker disable next-line StringLiteral: EQ-unread
        d.status = 'filtered';
      } else {
        const raw = sub.attrs.RawMessageDelivery === 'true';
        const body = raw
          ? message
          : JSON.stringify(envelope(topic, messageId, message, input.Subject, snsAttrs, now, out.SequenceNumber, sub.arn, this.options.region));
        const send = {
          MessageBody: body,
          // Stryker disable next-line ConditionalExpression,EqualityOperator: EQ-same
          ...(raw && input.MessageAttributes && Object.keys(input.MessageAttributes).length > 0 ? { MessageAttributes: input.MessageAttributes } : {}),
          ...(topic.fifo ? { MessageGroupId: input.MessageGroupId!, MessageDeduplicationId: dedupId! } : {}),
        };
        try {
          this.#sqs.deliverFromSns(sub.endpoint, send);
        } catch (e) {
          // Stryker disable next-line ConditionalExpression: EQ-unreachable
          if (!(e instanceof ModelError)) throw e;
          // SNS-16: Publish has succeeded; this delivery fails and is not retried (client-side error).
          // Stryker disable next-line StringLiteral: EQ-unread
          d.status = 'failed';
          d.error = e.name;
          const dlq = sub.attrs.RedrivePolicy ? (JSON.parse(sub.attrs.RedrivePolicy).deadLetterTargetArn as string) : undefined;
          // Stryker disable next-line ConditionalExpression: EQ-same
          if (dlq) {
            try {
              this.#sqs.deliverFromSns(dlq, send);
              // Stryker disable next-line StringLiteral: EQ-unread
              d.status = 'dead-lettered';
            } /* Stryker disable next-line BlockStatement: EQ-same */ catch (e2) {
              // Stryker disable next-line ConditionalExpression: EQ-unreachable
              if (!(e2 instanceof ModelError)) throw e2;
            }
          }
        }
      }
      // Stryker disable next-line CallExpression: EQ-unread
      this.deliveries.push(d);
    }
    return out;
  }
}

function accountOf(ctx: SnsCall): string {
  const a = principalAccount(ctx.caller);
  // Stryker disable next-line StringLiteral: MSG
  const message = `${ctx.caller} is not an account principal.`;
  if (!a) throw snsError('AuthorizationErrorException', message, 403);
  return a;
}

// Stryker disable next-line StringLiteral: MSG
const invalidParameter = (what: string) => snsError('InvalidParameterException', `Invalid parameter: ${what}`);

const isJson = (s: string): boolean => parseJson(s) !== undefined;

// Stryker disable next-line StringLiteral: EQ-same
const BODY_STRING_TYPE = 'String';

function bodyAsAttributes(message: string): Attributes {
  try {
    const body = JSON.parse(message);
    // Only a JSON object has properties to filter on; a string, number or array body matches no policy (null fails Object.entries below).
    if (typeof body !== 'object' || Array.isArray(body)) return {};
    return Object.fromEntries(
      Object.entries(body)
        // Leaves only: nested objects and arrays are left out, and so is null ("exists": true needs a non-null value, SNS key matching).
        .filter(([, v]) => typeof v !== 'object')
        .map(([k, v]) => [k, { Type: typeof v === 'number' ? 'Number' : BODY_STRING_TYPE, Value: String(v) }]),
    );
  } catch {
    return {};
  }
}

function envelope(
  topic: Topic,
  messageId: string,
  message: string,
  subject: string | undefined,
  attrs: Attributes,
  now: number,
  sequenceNumber: string | undefined,
  subscriptionArn: string,
  region: string,
) {
  return {
    Type: 'Notification',
    MessageId: messageId,
    ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}),
    TopicArn: topic.arn,
    // Stryker disable next-line ConditionalExpression: EQ-same
    ...(subject !== undefined ? { Subject: subject } : {}),
    Message: message,
    Timestamp: new Date(now).toISOString(),
    // SNS-19: a standard topic signs its notifications; a FIFO topic's carry no signature fields (recorded on AWS).
    ...(topic.fifo
      ? {}
      : {
          // Stryker disable next-line StringLiteral: EQ-unreachable
          SignatureVersion: topic.attrs.SignatureVersion ?? '1',
          Signature: 'reference-model-unsigned',
          SigningCertURL: `https://sns.${region}.amazonaws.com/SimpleNotificationService-reference.pem`,
        }),
    UnsubscribeURL: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
    ...(Object.keys(attrs).length > 0 ? { MessageAttributes: attrs } : {}),
  };
}

function defaultTopicPolicy(arn: string, account: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': account } },
      },
    ],
  });
}
