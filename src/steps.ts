/**
 * Arrange-steps shared by clauses: each is one or two recorded calls through the session, so a
 * counterexample shows exactly what was done.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DisableKeyCommand,
  GetKeyPolicyCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  type CreateKeyCommandInput,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { CreateTopicCommand, GetTopicAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message, type ReceiveMessageCommandInput } from '@aws-sdk/client-sqs';
import type { KeyIdForm, UnusableState } from './arbitraries/keys.js';
import type { QueueMode } from './arbitraries/queues.js';
import type { Session } from './session.js';

export interface Key {
  keyId: string;
  arn: string;
}

export async function createKey(s: Session, input: CreateKeyCommandInput = {}): Promise<Key> {
  const { KeyMetadata } = await s.send(new CreateKeyCommand(input));
  return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

/** The key named in one of the four identifier forms; alias forms create an alias first (KMS-6). */
export async function nameKey(s: Session, key: Key, form: KeyIdForm): Promise<string> {
  if (form === 'key-id') return key.keyId;
  if (form === 'key-arn') return key.arn;
  const alias = s.name('alias');
  await s.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.keyId }));
  return form === 'alias-name' ? alias : key.arn.replace(/:key\/.*$/, `:${alias}`);
}

/** Puts a key into a state that refuses cryptographic use (KMS-2, KMS-3). */
export async function makeUnusable(s: Session, key: Key, state: UnusableState): Promise<void> {
  if (state === 'Disabled') await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
  else await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));
}

/** A key id that KMS refuses: a new key made disabled or pending deletion, or (`Unknown`) an id that names no key. */
export async function refusedKeyId(s: Session, state: UnusableState | 'Unknown'): Promise<string> {
  if (state === 'Unknown') return '00000000-0000-4000-8000-000000000000';
  const key = await createKey(s);
  await makeUnusable(s, key, state);
  return key.keyId;
}

/** The canonical error SNS and SQS give for a key in this state (SNS-10, SQS-11). */
export const errorForState = (state: UnusableState | 'Deleted'): string =>
  state === 'Disabled' ? 'KMS.Disabled' : state === 'PendingDeletion' ? 'KMS.InvalidState' : 'KMS.NotFound';

export function sseAttributes(mode: QueueMode, keyId?: string): Record<string, string> {
  if (mode === 'none') return { SqsManagedSseEnabled: 'false' };
  if (mode === 'sse-sqs') return { SqsManagedSseEnabled: 'true' };
  return { KmsMasterKeyId: keyId ?? 'alias/aws/sqs' };
}

export async function createQueue(s: Session, attributes: Record<string, string> = {}, fifo = false): Promise<string> {
  const name = s.name('queue', fifo);
  const { QueueUrl } = await s.send(new CreateQueueCommand({ QueueName: name, Attributes: fifo ? { FifoQueue: 'true', ...attributes } : attributes }));
  return QueueUrl!;
}

export async function queueAttributes(s: Session, queueUrl: string): Promise<Record<string, string>> {
  const { Attributes } = await s.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
  return Attributes ?? {};
}

export async function createTopic(s: Session, attributes: Record<string, string> = {}, fifo = false): Promise<string> {
  const { TopicArn } = await s.send(
    new CreateTopicCommand({ Name: s.name('topic', fifo), Attributes: fifo ? { FifoTopic: 'true', ...attributes } : attributes }),
  );
  return TopicArn!;
}

export async function topicAttributes(s: Session, topicArn: string): Promise<Record<string, string>> {
  const { Attributes } = await s.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
  return Attributes ?? {};
}

/** FIFO sends need a group and a deduplication id. */
export function fifoFields(fifo: boolean, dedup: string): Record<string, string> {
  return fifo ? { MessageGroupId: 'g', MessageDeduplicationId: dedup } : {};
}

/** Adds a key-policy statement letting SNS (`sns.amazonaws.com`) use the key (SNS-16). */
export async function allowSnsToUseKey(s: Session, key: Key): Promise<void> {
  const { Policy } = await s.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default' }));
  const policy = JSON.parse(Policy!) as { Statement: unknown[] };
  policy.Statement.push({
    Sid: 'AllowSns',
    Effect: 'Allow',
    Principal: { Service: 'sns.amazonaws.com' },
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: '*',
  });
  await s.send(new PutKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
}

/**
 * A queue subscribed to a topic the way AWS needs it, in two calls: CreateQueue with a policy that
 * lets the topic send (createQueueForSns), then Subscribe.
 */
export async function createSubscribedQueue(
  s: Session,
  topicArn: string,
  opts: { attributes?: Record<string, string>; subscription?: Record<string, string>; fifo?: boolean } = {},
): Promise<string> {
  const { url, arn } = await createQueueForSns(s, topicArn, { ...(opts.fifo ? { FifoQueue: 'true' } : {}), ...opts.attributes }, opts.fifo);
  await s.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: arn, Attributes: opts.subscription ?? {} }));
  return url;
}

/**
 * Receives what a queue gets from an asynchronous producer (SNS delivery) until `expected`
 * messages (at least one) have arrived or the target's bound has passed: on HTTP targets each
 * receive long-polls (WaitTimeSeconds) for the time left. Expecting 0 waits the whole bound,
 * unless something arrives, which already decides the check.
 */
export async function receiveDelivered(
  s: Session,
  input: Pick<ReceiveMessageCommandInput, 'QueueUrl' | 'MessageAttributeNames' | 'MessageSystemAttributeNames' | 'AttributeNames'>,
  expected: number,
): Promise<Message[]> {
  const received: Message[] = [];
  await s.eventually(
    async (remainingMs) => {
      const wait = Math.min(20, Math.ceil(remainingMs / 1000));
      const { Messages } = await s.send(new ReceiveMessageCommand({ ...input, MaxNumberOfMessages: 10, ...(wait > 0 ? { WaitTimeSeconds: wait } : {}) }));
      received.push(...(Messages ?? []));
      return received.length;
    },
    (n) => n >= Math.max(1, expected),
  );
  return received;
}

/**
 * A key created without key material (Origin EXTERNAL), which KMS-1 says starts in PendingImport.
 * Clauses that call this require `createKeyHonoursInput` (the AWS target leases pooled AWS_KMS keys
 * instead). A KMS that still gives another origin cannot show what such a key does: not observable.
 * A key in another state is a deviation of the clause about KMS itself (`asserted`); for clauses
 * about SNS or SQS it only means the target cannot show them what they are about, so they are not
 * observable there.
 */
export async function createKeyPendingImport(s: Session, opts: { asserted: boolean }): Promise<Key> {
  const { KeyMetadata } = await s.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
  if (KeyMetadata?.Origin !== 'EXTERNAL')
    s.notObservable(`${s.target.name} did not create a key with Origin EXTERNAL (it gave ${KeyMetadata?.Origin ?? 'no origin'})`);
  // Hard: what the clause does next with the key (expecting KmsInvalidState) means something only for a key in PendingImport.
  if (opts.asserted) s.require(KeyMetadata.KeyState === 'PendingImport', 'KeyState', 'PendingImport', KeyMetadata.KeyState);
  else if (KeyMetadata.KeyState !== 'PendingImport')
    s.notObservable(
      `${s.target.name} created the EXTERNAL key ${KeyMetadata.KeyState}, not PendingImport (kms.key-state.external-key-starts-pending-import reports that)`,
    );
  return { keyId: KeyMetadata.KeyId!, arn: KeyMetadata.Arn! };
}

/**
 * Replaces a key's policy with one that gives the account every KMS action (the default statement)
 * and explicitly denies `actions` to the principal the session's clients `denied` act as (SQS-10,
 * SNS-9: an explicit Deny wins over any Allow). PutKeyPolicy rather than CreateKey's `Policy`:
 * real-account targets lease pooled keys and ignore CreateKey's input.
 */
export async function denyKeyActions(s: Session, key: Key, denied: number, actions: string[]): Promise<void> {
  const principal = s.target.clients(denied).principal;
  const account = principal.split(':')[4];
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'DenyOnePrincipal', Effect: 'Deny', Principal: { AWS: principal }, Action: actions, Resource: '*' },
    ],
  };
  await s.send(new PutKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
}

/**
 * A queue SNS may write to from `topicArn` (a policy granting sns.amazonaws.com sqs:SendMessage,
 * scoped by aws:SourceArn), not subscribed: a subscription's dead-letter queue, or the queue
 * createSubscribedQueue subscribes. Its ARN is derived from the topic ARN (same account and Region).
 */
export async function createQueueForSns(
  s: Session,
  topicArn: string,
  attributes: Record<string, string> = {},
  fifo = false,
): Promise<{ url: string; arn: string }> {
  const name = s.name('queue', fifo);
  const [, , , region, account] = topicArn.split(':');
  const arn = `arn:aws:sqs:${region}:${account}:${name}`;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: arn,
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
      },
    ],
  };
  const { QueueUrl } = await s.send(new CreateQueueCommand({ QueueName: name, Attributes: { ...attributes, Policy: JSON.stringify(policy) } }));
  return { url: QueueUrl!, arn };
}

/**
 * Replaces a key's policy with one whose only unconditional statement lets the principal of the
 * session's clients 0 do every KMS action (so that it may still manage the key), followed by
 * `statements`. Unlike the default policy, it does not name the account: any other principal gets
 * only what `statements` (or a grant) allow it (KMS-25, KMS-29).
 */
export async function keyPolicyForAdminAnd(s: Session, key: Key, statements: object[] = []): Promise<void> {
  const admin = s.target.clients(0).principal;
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Admin', Effect: 'Allow', Principal: { AWS: admin }, Action: 'kms:*', Resource: '*' }, ...statements],
  };
  await s.send(new PutKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
}

/**
 * A key of the kind CreateKey was asked for (a KeySpec and KeyUsage, or MultiRegion), as `isAsked`
 * judges its metadata. A target that leases pooled keys instead of creating them (`releaseKey`: the
 * AWS target) cannot show what such a key does, so the clause is not observable there; any other
 * target that answers another kind of key deviates, in the fields the clause names (`fields`).
 */
export async function createKeyOfKind(
  s: Session,
  input: CreateKeyCommandInput,
  fields: (keyof KeyMetadata)[],
  isAsked: (md: KeyMetadata) => boolean,
): Promise<Key & { metadata: KeyMetadata }> {
  const md: KeyMetadata = (await s.send(new CreateKeyCommand(input))).KeyMetadata ?? { KeyId: '' };
  if (!isAsked(md)) {
    if (s.target.releaseKey) s.notObservable(`${s.target.name} leases pooled keys: it gave ${md.KeyId} for CreateKey ${JSON.stringify(input)}`);
    // Hard: the clause goes on to use the key as one of the kind it asked for.
    s.require(false, fields.join(', '), `a key as asked: ${JSON.stringify(input)}`, Object.fromEntries(fields.map((f) => [f, md[f]])));
  }
  return { keyId: md.KeyId!, arn: md.Arn!, metadata: md };
}

/** A multi-Region key: its ID starts with mrk- and its metadata says MultiRegion (KMS-28). */
export const isMultiRegionKey = (md: KeyMetadata): boolean => md.KeyId?.startsWith('mrk-') === true && md.MultiRegion === true;
