/**
 * What the reference, used as an oracle, allows within SNS's data-key reuse period (clause-independent,
 * issue 14).
 *
 * Why not a clause: within the 5-minute reuse period (SNS-12) SNS may keep publishing with a cached
 * data key after the topic's key became unusable, or may already fail (SNS-13). The model answers with
 * success and records the failure as also allowed (reference/windows.ts), so that the model-based
 * clause can accept either answer from another target. That record is read by no client: a clause run
 * against the reference only sees the success. These examples hold the record itself.
 */
import { CreateKeyCommand, DisableKeyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { CreateTopicCommand, PublishCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, MINUTE } from '../../reference/index.js';

async function warmTopic() {
  const c = createReferenceClients();
  const keyId = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const TopicArn = (await c.sns.send(new CreateTopicCommand({ Name: 't', Attributes: { KmsMasterKeyId: keyId } }))).TopicArn!;
  await c.sns.send(new PublishCommand({ TopicArn, Message: 'cold' })); // caches a data key for this publisher
  const warm = () => c.model.windows.collect(() => c.model.sns.publish({ caller: c.principal }, { TopicArn, Message: 'warm' }));
  return { ...c, keyId, TopicArn, warm };
}

describe('SNS-13: a cached data key within its reuse period', () => {
  it('allows only success while the key stays usable', async () => {
    const c = await warmTopic();
    c.clock.advance(5 * MINUTE - 1);
    const w = c.warm();
    expect(w.outcome.ok).toBe(true);
    expect(w.alsoAllowed).toEqual([]);
  });

  it('also allows the KMS error once the key is disabled or the key policy denies the publisher', async () => {
    const c = await warmTopic();
    await c.kms.send(new DisableKeyCommand({ KeyId: c.keyId }));
    const w = c.warm();
    expect(w.outcome.ok).toBe(true);
    expect(w.alsoAllowed.map((e) => e.name)).toEqual(['KMSDisabledException']);

    const d = await warmTopic();
    const deny = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Deny', Principal: { AWS: d.principal }, Action: 'kms:GenerateDataKey', Resource: '*' },
      ],
    };
    await d.kms.send(new PutKeyPolicyCommand({ KeyId: d.keyId, Policy: JSON.stringify(deny) }));
    const x = d.warm();
    expect(x.outcome.ok).toBe(true);
    expect(x.alsoAllowed.map((e) => e.name)).toEqual(['KMSAccessDeniedException']);
  });
});
