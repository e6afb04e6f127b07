/**
 * SQS seals messages with data keys from GenerateDataKey, which only a symmetric encryption key
 * can make. A queue whose KmsMasterKeyId names an HMAC key, a signing key or an asymmetric
 * encryption key accepts the attribute, but SendMessage fails with KmsInvalidKeyUsage
 * (query-compatible code KMS.InvalidKeyUsageException).
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { CreateKeyCommand, type KeySpec, type KeyUsageType } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createQueue, fifoFields } from '../../../src/steps.js';

/** Keys KMS creates that cannot generate data keys: HMAC, asymmetric signing, asymmetric encryption. */
const KEY_TYPES: { KeySpec: KeySpec; KeyUsage: KeyUsageType }[] = [
  { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
  { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' },
  { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' },
];

export const clause = defineClause({
  id: 'sqs.sse-kms.key-usage-that-cannot-make-data-keys-refuses-send',
  title: 'SendMessage to a queue whose key is an HMAC or asymmetric key fails with KmsInvalidKeyUsage',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
    { fact: 'KMS-14', url: PAGES.kmsGenerateDataKey, evidence: 'DOC' },
    { fact: 'KMS-14', url: PAGES.kmsKeyTypes, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'kms', 'fifo'],
  requires: ['createKeyHonoursInput'],
  generates: 'HMAC_256, ECC_NIST_P256 signing, RSA_2048 signing and RSA_2048 encryption keys × standard / FIFO queues',
  arbitrary: fc.record({ type: fc.constantFrom(...KEY_TYPES), fifo: fc.boolean() }),
  examples: KEY_TYPES.map((type) => ({ type, fifo: false })),
  scenario: async (s, { type, fifo }) => {
    // Arrange: a key of that type; a KMS that makes another kind cannot show this clause what it is about (that is
    // a deviation of KMS, not of SQS); the queue accepts it (SQS-7: no validation at configuration)
    const { KeyMetadata: key } = await s.send(new CreateKeyCommand(type));
    if (key?.KeySpec !== type.KeySpec || key.KeyUsage !== type.KeyUsage)
      s.notObservable(`${s.target.name} gave a ${key?.KeySpec} ${key?.KeyUsage} key for CreateKey ${type.KeySpec} ${type.KeyUsage}`);
    const url = await createQueue(s, { KmsMasterKeyId: key!.KeyId! }, fifo);
    // Act, Assert
    const observed = await s.attempt(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', ...fifoFields(fifo, 'd') }));
    s.expectLast(observed, [fails('KMS.InvalidKeyUsage')]);
    // SQS-11, X-1: the query-compatible code, as Code or (query-protocol targets) as the name
    const legacy = observed.ok ? undefined : (observed.queryCode ?? (observed.name.startsWith('KMS.') ? observed.name : undefined));
    s.check(legacy === 'KMS.InvalidKeyUsageException', 'query-compatible error code', 'KMS.InvalidKeyUsageException', legacy);
  },
});
