/**
 * Identifiers and ARNs of the model (reference/ids.ts) against their documented formats
 * (clause-independent, issue 14).
 *
 * Why not a clause: the shape of key IDs, message IDs and receipt handles, and how an ARN or an
 * account principal is read, are generic KMS, SQS and IAM conventions; clauses use the identifiers
 * the services return and never need the model to make millions of them or to parse odd strings.
 *
 * Pages: key ID and multi-Region key ID formats,
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id (a UUID;
 * `mrk-` and 32 hex digits); ARN format, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html;
 * account principals in a policy, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * (an account ID, 12 digits, or the account's root ARN); receipt handles, which differ on every
 * receive, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html.
 */
import { CreateKeyCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { IdSource, parseArn, principalAccount, UUID_RE } from '../../reference/ids.js';
import { createReferenceClients } from '../../reference/index.js';

describe('IdSource', () => {
  it('makes UUID-shaped ids for every salt, also after more than 100,000 ids', () => {
    const ids = new IdSource();
    for (let i = 0; i < 120_000; i++) {
      const id = ids.uuid(i % 7);
      if (i < 50 || i % 10_000 === 0 || i > 119_990) expect(id).toMatch(UUID_RE);
    }
  });

  it('never repeats a token, also when tokens and ids are taken in turns', () => {
    const ids = new IdSource();
    const tokens = new Set<string>();
    for (let i = 0; i < 200; i++) {
      if (i % 3 === 0) ids.uuid();
      const t = ids.token('r');
      expect(t.startsWith('r')).toBe(true);
      expect(t.length).toBeGreaterThan(1);
      tokens.add(t);
    }
    expect(tokens.size).toBe(200);
  });
});

describe('ARNs and principals', () => {
  it('reads the five parts of an ARN and nothing that only contains one', () => {
    expect(parseArn('arn:aws:kms:us-east-1:123456789012:key/abc')).toEqual({
      partition: 'aws',
      service: 'kms',
      region: 'us-east-1',
      account: '123456789012',
      resource: 'key/abc',
    });
    expect(parseArn('xarn:aws:kms:us-east-1:123456789012:key/abc')).toBeUndefined();
    expect(parseArn('arn:aws:kms:us-east-1:123456789012:key/abc\nmore')).toBeUndefined();
  });

  it('an account principal is a 12-digit account ID or an ARN with an account; a service principal has none', () => {
    expect(principalAccount('arn:aws:iam::123456789012:user/x')).toBe('123456789012');
    expect(principalAccount('123456789012')).toBe('123456789012');
    for (const p of ['sns.amazonaws.com', '12345678901', '1234567890123', 'x123456789012', '123456789012x', 'abcdefghijkl', '*']) {
      expect(principalAccount(p), p).toBeUndefined();
    }
  });
});

describe('key IDs through KMS', () => {
  it('a multi-Region key is found by its mrk- key ID and its key ARN; a string that merely contains it is not', async () => {
    const { kms } = createReferenceClients();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ MultiRegion: true }));
    expect(KeyMetadata!.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    for (const id of [KeyMetadata!.KeyId!, KeyMetadata!.Arn!]) {
      expect((await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyId).toBe(KeyMetadata!.KeyId);
    }
    for (const id of [`x${KeyMetadata!.KeyId}`, `${KeyMetadata!.KeyId}0`]) {
      await expect(kms.send(new DescribeKeyCommand({ KeyId: id })), id).rejects.toMatchObject({ name: 'NotFoundException' });
    }
  });
});
