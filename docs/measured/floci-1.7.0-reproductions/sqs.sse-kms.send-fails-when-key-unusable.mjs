#!/usr/bin/env node
// Standalone reproduction of a deviation found by sse-conformance 0.1.0
// (replay of seed 4036181471, path 0 on floci).
// Clause sqs.sse-kms.send-fails-when-key-unusable (MUST): SendMessage to a queue whose key is disabled or pending deletion fails with KmsDisabled or KmsInvalidState
// Source https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
// At step 4 (sqs SendMessage):
//   AWS answers:       KMS.Disabled
//   floci answered:    success
//
// Needs only the AWS SDK for JavaScript v3: npm install @aws-sdk/client-kms @aws-sdk/client-sqs
// Run:  ENDPOINT=http://127.0.0.1:54991 node sqs.sse-kms.send-fails-when-key-unusable.mjs
//       ENDPOINT unset: http://127.0.0.1:54991; ENDPOINT= (empty): AWS itself, with your usual credentials.
//       AWS_REGION (default us-east-1); AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (default: dummy keys on an endpoint).
// Exit: 1 the deviation reproduces; 0 it does not (the failing step now answers as AWS does,
//       or an earlier step answers otherwise than during the replay); 2 it could not run
//       (no answer from the endpoint, a second identity missing); 3 a person has to judge
//       (the clause compared something derived from the output; both are printed).
import { KMSClient, CreateKeyCommand, DisableKeyCommand } from '@aws-sdk/client-kms';
import { SQSClient, CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';

const ENDPOINT = process.env.ENDPOINT ?? "http://127.0.0.1:54991";
const region = process.env.AWS_REGION ?? 'us-east-1';
// A fresh prefix for every name, as long as the one of the replay: names keep their length (some clauses probe length limits).
const RUN = 'r' + Array.from({ length: 7 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');

const clients = new Map();
/** Clients as the conformance suite makes them: no retries, SQS talks to ENDPOINT only. */
function client(service, principal) {
  const key = `${service}:${principal}`;
  if (!clients.has(key)) {
    const endpoint = ENDPOINT || undefined;
    const config = { region, maxAttempts: 1, ...(endpoint ? { endpoint } : {}), ...identity(principal, endpoint) };
    clients.set(key, new CLIENTS[service](service === 'sqs' && endpoint ? { ...config, useQueueUrlAsEndpoint: false } : config));
  }
  return clients.get(key);
}

/** Sends one command and prints its outcome: { ok, out } or { ok: false, name, code, status, message }. */
async function call(n, title, service, principal, command) {
  try {
    const { $metadata, ...out } = await client(service, principal).send(command);
    console.log(`${n}. ${title}: success`);
    return { ok: true, out };
  } catch (e) {
    const checksum = /Invalid MD5 checksum|InvalidChecksumError/.test(`${e?.name} ${e?.message}`);
    if (!checksum && e?.$metadata?.httpStatusCode === undefined) {
      console.log(`${n}. ${title}: no answer from ${ENDPOINT || 'AWS'}: ${e?.message ?? e}`);
      process.exit(2);
    }
    const r = { ok: false, name: checksum ? 'SDK.ChecksumMismatch' : e.name, code: e.Code, status: e.$metadata?.httpStatusCode, message: String(e.message ?? '') };
    console.log(`${n}. ${title}: ${r.name} (HTTP ${r.status ?? '?'}): ${r.message}`);
    return r;
  }
}

/** Whether an outcome is one of `allowed` (`ok`, or a canonical code by any of its spellings). */
function isOneOf(r, service, allowed) {
  return allowed.some((a) => (a === 'ok' ? r.ok : !r.ok && (SPELLINGS[`${service}:${a}`] ?? []).some((s) => s === r.name || s === r.code)));
}

/** An earlier step answered otherwise than during the replay: the scenario no longer reaches the deviation. */
function sameAsReplay(r, n, service, replayed) {
  if (isOneOf(r, service, [replayed])) return;
  console.log(`\nDoes not reproduce: step ${n} answered otherwise than during the replay (${replayed === 'ok' ? 'success' : replayed}), so the scenario no longer reaches the failing step.`);
  process.exit(0);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const SPELLINGS = {"sqs:KMS.Disabled":["KmsDisabled","KMS.DisabledException"]};

/** Principal 0: your credentials, or dummy keys on an endpoint; principal 1: a second identity. */
function identity(principal, endpoint) {
  const env = principal === 0 ? process.env : {
    AWS_PROFILE: process.env.SECOND_AWS_PROFILE,
    AWS_ACCESS_KEY_ID: process.env.SECOND_AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: process.env.SECOND_AWS_SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN: process.env.SECOND_AWS_SESSION_TOKEN,
  };
  if (env.AWS_PROFILE) return { profile: env.AWS_PROFILE };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } };
  // Emulators tell requesters apart by access key: a distinct dummy key per principal.
  if (endpoint) return { credentials: { accessKeyId: `AKIAREPRODUCTION${String(principal).padStart(4, '0')}`, secretAccessKey: 'reproduction' } };
  return {}; // AWS: the SDK's default credential chain
}

const CLIENTS = { kms: KMSClient, sqs: SQSClient };

// 1. kms CreateKey; during the replay: success
const r1 = await call(1, "kms CreateKey", 'kms', 0, new CreateKeyCommand({}));
sameAsReplay(r1, 1, 'kms', "ok");
const key0Id = r1.out?.["KeyMetadata"]?.["KeyId"];

// 2. kms DisableKey; during the replay: success
const r2 = await call(2, "kms DisableKey", 'kms', 0, new DisableKeyCommand({ KeyId: key0Id }));
sameAsReplay(r2, 2, 'kms', "ok");

// 3. sqs CreateQueue; during the replay: success
const r3 = await call(3, "sqs CreateQueue", 'sqs', 0, new CreateQueueCommand({ QueueName: RUN + "-q1", Attributes: { KmsMasterKeyId: key0Id } }));
sameAsReplay(r3, 3, 'sqs', "ok");
const queue0Url = r3.out?.["QueueUrl"];

// 4. sqs SendMessage; during the replay: success
const r4 = await call(4, "sqs SendMessage", 'sqs', 0, new SendMessageCommand({ QueueUrl: queue0Url, MessageBody: "m" }));

console.log('\nAt step 4, AWS answers: ' + "KMS.Disabled");
console.log("During the replay, floci answered: success");
if (isOneOf(r4, 'sqs', ["KMS.Disabled"])) {
  console.log('Does not reproduce: the target now answers as AWS does.');
  process.exit(0);
}
console.log('Reproduces: the target answers otherwise than AWS.');
process.exit(1);
