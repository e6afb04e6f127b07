/**
 * Session.send and Session.attempt: the operation comes from the command, steps keep their shape. Soft checks
 * go on and end the scenario in one violation that carries them all; hard ones stop it at once.
 */
import * as KMS from '@aws-sdk/client-kms';
import * as SNS from '@aws-sdk/client-sns';
import * as SQS from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { fails } from '../src/outcome.js';
import { ClauseViolation, MAX_PAUSE_MS, NotObservableError, operationOf, Session, TargetBrokeError } from '../src/session.js';
import { FaultyTarget } from '../test-targets/faulty/index.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

const PACKAGES = [
  ['kms', KMS, new KMS.KMSClient({ region: 'us-east-1' })],
  ['sns', SNS, new SNS.SNSClient({ region: 'us-east-1' })],
  ['sqs', SQS, new SQS.SQSClient({ region: 'us-east-1' })],
] as const;

/** The command and client names the SDK's own middleware context carries, without any request going out. */
async function sdkNames(client: (typeof PACKAGES)[number][2], command: object): Promise<{ commandName?: string; clientName?: string }> {
  let seen = {};
  const c = client as unknown as {
    middlewareStack: { add: (mw: unknown, o: object) => void; remove: (name: string) => void };
    send: (c: object) => Promise<unknown>;
  };
  c.middlewareStack.add(
    (_next: unknown, context: { commandName?: string; clientName?: string }) => async () => {
      seen = { commandName: context.commandName, clientName: context.clientName };
      return { output: { $metadata: {} }, response: {} };
    },
    { step: 'initialize', priority: 'high', name: 'captureNames' },
  );
  try {
    await c.send(command);
  } finally {
    c.middlewareStack.remove('captureNames');
  }
  return seen;
}

describe('operationOf', () => {
  it.each(PACKAGES.map(([service, module, client]) => [service, module, client] as const))(
    'names every %s command as the SDK does',
    async (service, module, client) => {
      const commands = Object.entries(module).filter(([name, v]) => name.endsWith('Command') && name !== '$Command' && typeof v === 'function');
      expect(commands.length).toBeGreaterThan(10);
      for (const [name, Command] of commands) {
        const command = new (Command as new (i: object) => object)({});
        const { commandName, clientName } = await sdkNames(client, command);
        expect([name, operationOf(command)]).toEqual([name, { service, op: commandName!.replace(/Command$/, '') }]);
        expect(clientName).toBe(`${service.toUpperCase()}Client`);
      }
    },
  );

  it('follows a subclass to the SDK command it extends, and refuses anything else', () => {
    class Traced extends SQS.SendMessageCommand {}
    expect(operationOf(new Traced({ QueueUrl: 'u', MessageBody: 'b' }))).toEqual({ service: 'sqs', op: 'SendMessage' });
    expect(() => operationOf(new GetCallerIdentityCommand({}))).toThrow(TargetBrokeError);
    expect(() => operationOf({ input: {} })).toThrow(TargetBrokeError);
  });
});

describe('Session.send', () => {
  it('records each step as { op, service, principal, input, expected, observed }, resources by symbol', async () => {
    const t = new ReferenceTarget();
    await t.start();
    const s = new Session(t, 'se');
    const { QueueUrl } = await s.send(new SQS.CreateQueueCommand({ QueueName: s.name('queue') }));
    const refused = await s.send(new SQS.SendMessageCommand({ QueueUrl, MessageBody: '' }), { expect: fails('MissingParameter'), principal: 1 });
    expect(refused).toBeUndefined();
    const observed = await s.attempt(new SQS.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    expect(observed.ok && observed.value.Attributes?.QueueArn).toMatch(/^arn:aws:sqs:/);
    expect(s.steps.map(({ observed: o, ...step }) => ({ ...step, observed: { ok: o.ok, code: o.code } }))).toEqual([
      { op: 'CreateQueue', service: 'sqs', principal: 0, input: { QueueName: 'queue#0' }, expected: [{ ok: true }], observed: { ok: true } },
      {
        op: 'SendMessage',
        service: 'sqs',
        principal: 1,
        input: { QueueUrl: 'queue#0', MessageBody: '' },
        expected: [{ ok: false, code: 'MissingParameter' }],
        observed: { ok: false, code: 'MissingParameter' },
      },
      { op: 'GetQueueAttributes', service: 'sqs', principal: 0, input: { QueueUrl: 'queue#0', AttributeNames: ['QueueArn'] }, observed: { ok: true } },
    ]);
  });

  it('keeps the raw steps beside the report steps: exact inputs (long strings, bytes), outputs, checks and waits', async () => {
    const t = new ReferenceTarget();
    await t.start();
    const s = new Session(t, 'raw');
    const { QueueUrl } = await s.send(new SQS.CreateQueueCommand({ QueueName: s.name('queue') }));
    const body = 'x'.repeat(300);
    const plaintext = new Uint8Array([0, 1, 254, 255]);
    const key = await s.send(new KMS.CreateKeyCommand({}));
    await s.wait(1_000);
    await s.send(new KMS.EncryptCommand({ KeyId: key.KeyMetadata!.KeyId!, Plaintext: plaintext }));
    await s.send(new SQS.SendMessageCommand({ QueueUrl, MessageBody: body }));
    expect(() => s.require(false, 'MessageBody', body, 'y')).toThrow();
    const raw = s.rawSteps();
    expect(raw.map((r) => r.step)).toEqual(s.steps);
    expect(s.steps[3]!.input).toMatchObject({ QueueUrl: 'queue#0', MessageBody: expect.stringMatching(/characters, sha256 [0-9a-f]{12}\)…x+$/) });
    expect(raw[3]!.input).toEqual({ QueueUrl, MessageBody: body });
    expect(raw[3]!.check).toEqual({ what: 'MessageBody', expected: body, observed: 'y' });
    expect((raw[2]!.input as { Plaintext: Uint8Array }).Plaintext).toEqual(plaintext);
    expect(raw[2]!.waitedMs).toBe(1_000);
    expect(raw[0]!.output).toEqual({ QueueUrl });
    expect(s.symbols.get(QueueUrl!)).toBe('queue#0');
    expect(s.symbols.get(key.KeyMetadata!.Arn!)).toBe('arn(key#0)');
    expect(s.prefix).toBe('raw');
  });

  it('types input and output with the SDK types (checked by tsc, not at run time)', () => {
    const typed = async (s: Session) => {
      // @ts-expect-error a misspelt input field does not type-check
      await s.send(new SQS.SendMessageCommand({ QueueUrl: 'u', MessageBdy: 'b' }));
      const { QueueUrl } = await s.send(new SQS.CreateQueueCommand({ QueueName: 'q' }));
      // @ts-expect-error nor does a misspelt output field
      return [QueueUrl, (await s.send(new SQS.SendMessageCommand({ QueueUrl, MessageBody: 'b' }))).MD5OfBody];
    };
    expect(typed).toBeTypeOf('function');
  });
});

describe('Session.attempt', () => {
  it('an HTTP 5xx is a target fault, unless the call is arrangement that says it answers (serverErrorAnswers): then it is the outcome', async () => {
    // Arrange: every request answered HTTP 500
    const t = new FaultyTarget(new ReferenceTarget(), { seed: 1, serverErrorRate: 1 });
    await t.start();
    const s = new Session(t, 'se5');
    // Act, assert: a fault by default
    await expect(s.attempt(new KMS.ListKeysCommand({}))).rejects.toThrow(TargetBrokeError);
    // An outcome with the option, recorded as a step like any other
    const answered = await s.attempt(new KMS.ListKeysCommand({}), { serverErrorAnswers: true });
    expect(answered).toMatchObject({ ok: false, httpStatus: 500 });
    expect(s.steps.at(-1)).toMatchObject({ service: 'kms', op: 'ListKeys', observed: { ok: false } });
    await t.dispose();
  });

  it("records the input as the clause gave it, not as the SDK's middleware changed it in place while sending", async () => {
    // Arrange: a middleware that adds a field to the command's input, as the SDK's checksum middleware does on S3
    const t = new ReferenceTarget({
      decorate: ({ kms }) =>
        kms.middlewareStack.add(
          (next) => async (args) => {
            Object.assign(args.input as object, { Added: 'by the SDK' });
            return next(args);
          },
          { step: 'initialize', priority: 'high', name: 'mutatesInput' },
        ),
    });
    await t.start();
    const s = new Session(t, 'mut');
    // Act
    await s.send(new KMS.CreateKeyCommand({ Description: 'd' }));
    // Assert
    expect(s.steps.at(-1)!.input).toEqual({ Description: 'd' });
    expect(s.rawSteps().at(-1)!.input).toEqual({ Description: 'd' });
    await t.dispose();
  });

  it('a body the SDK refuses as it reads it (a checksum mismatch) is the answer; one that stops arriving is a target fault', async () => {
    // Arrange: answers whose body fails when read, as the SDK's streams do
    const failing = (error: Error) =>
      new ReferenceTarget({
        decorate: ({ kms }) =>
          kms.middlewareStack.add(
            () => async () => ({ output: { $metadata: {}, Body: { transformToByteArray: () => Promise.reject(error) } }, response: {} }),
            { step: 'initialize', priority: 'high', name: 'failingBody' },
          ),
      });
    const mismatch = failing(new Error('Checksum mismatch: expected "a", but received "b" in response header "x-amz-checksum-crc32".'));
    const reset = failing(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await mismatch.start();
    await reset.start();
    // Act
    const answered = await new Session(mismatch, 'ck').attempt(new KMS.ListKeysCommand({}));
    const broke = new Session(reset, 'rs').attempt(new KMS.ListKeysCommand({}));
    // Assert
    expect(answered).toMatchObject({ ok: false, code: 'SDK.ChecksumMismatch' });
    await expect(broke).rejects.toThrow(/ListKeys answered, and its body failed: socket hang up/);
    await mismatch.dispose();
    await reset.dispose();
  });

  it('throttling stays a fault with serverErrorAnswers', async () => {
    const t = new FaultyTarget(new ReferenceTarget(), { seed: 1, throttleRate: 1 });
    await t.start();
    const s = new Session(t, 'thr');
    await expect(s.attempt(new KMS.ListKeysCommand({}), { serverErrorAnswers: true })).rejects.toThrow(/still throttled/);
    await t.dispose();
  });
});

describe('soft and hard checks', () => {
  const session = async () => {
    const t = new ReferenceTarget();
    await t.start();
    const s = new Session(t, 'soft');
    const { QueueUrl } = await s.send(new SQS.CreateQueueCommand({ QueueName: s.name('queue') }));
    await s.send(new SQS.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    return { s, QueueUrl: QueueUrl! };
  };
  const violation = (f: () => void): ClauseViolation => {
    try {
      f();
    } catch (e) {
      if (e instanceof ClauseViolation) return e;
      throw e;
    }
    throw new Error('no violation');
  };

  it('a failed check is recorded, the scenario goes on, and settle ends it in one violation carrying every failure in order', async () => {
    const { s, QueueUrl } = await session();
    expect(s.check(false, 'A', '1', '2')).toBe(false);
    expect(s.check(true, 'B', '3', '3')).toBe(true);
    await s.send(new SQS.ListQueuesCommand({}));
    expect(s.check(false, 'C', 'x', 'y')).toBe(false);
    const v = violation(() => s.settle());
    expect(v.failures.map((f) => f.signature)).toEqual([
      { service: 'sqs', operation: 'GetQueueAttributes', field: 'A' },
      { service: 'sqs', operation: 'ListQueues', field: 'C' },
    ]);
    expect(v.signature).toEqual(v.failures[0]!.signature);
    expect(v.message).toBe('2 checks failed: sqs:GetQueueAttributes A: expected "1", observed "2"; sqs:ListQueues C: expected "x", observed "y"');
    // Both checks of one step show on it; the raw step keeps the one that failed, for a reproduction.
    expect(s.steps[1]!.expected).toEqual([{ ok: true, A: '1', B: '3' }]);
    expect(s.steps[1]!.observed).toMatchObject({ ok: true, A: '2', B: '3' });
    expect(s.rawSteps()[1]!.check).toEqual({ what: 'A', expected: '1', observed: '2' });
    expect(QueueUrl).toBeTruthy();
  });

  it('require stops at once, with the soft failures before it; settle without failures does nothing', async () => {
    const { s } = await session();
    s.check(false, 'A', '1', '2');
    const v = violation(() => s.require(false, 'B', 'b', 'c'));
    expect(v.failures.map((f) => (f.signature as { field: string }).field)).toEqual(['A', 'B']);
    const clean = (await session()).s;
    clean.require(true, 'A', '1', '1');
    expect(() => clean.settle()).not.toThrow();
  });

  it('an outcome stops the scenario unless the clause marks it independent', async () => {
    const { s, QueueUrl } = await session();
    const out = await s.send(new SQS.SendMessageCommand({ QueueUrl, MessageBody: 'x' }), { expect: fails('KMS.Disabled'), independent: true });
    expect(out).toBeDefined();
    await expect(s.send(new SQS.SendMessageCommand({ QueueUrl, MessageBody: 'y' }), { expect: fails('KMS.Disabled') })).rejects.toThrow(
      /2 checks failed: sqs:SendMessage expected KMS.Disabled, observed success; sqs:SendMessage expected KMS.Disabled/,
    );
  });

  it('what was found stands when the target then breaks or cannot show more; a bug of the clause does not hide behind it', async () => {
    const { s } = await session();
    expect(() => s.settle(new TargetBrokeError('gone'))).toThrow(TargetBrokeError); // nothing found before
    s.check(false, 'A', '1', '2');
    expect(violation(() => s.settle(new TargetBrokeError('gone'))).failures).toHaveLength(1);
    expect(violation(() => s.settle(new NotObservableError('no'))).failures).toHaveLength(1);
    expect(() => s.settle(new TypeError('oops'))).toThrow(TypeError);
  });
});

describe('Session.pause', () => {
  it('lets time pass on the virtual clock at once, recorded as the next step waited', async () => {
    const target = new ReferenceTarget();
    await target.start();
    const s = new Session(target, 'pause');
    const before = target.model.clock.now();
    await s.pause(2000);
    expect(target.model.clock.now() - before).toBe(2000);
    expect(s.boundedWaits).toBe(0);
    await s.send(new SQS.ListQueuesCommand({}));
    expect(s.rawSteps()[0]!.waitedMs).toBe(2000);
  });

  it('waits for real on a target without a virtual clock, counted as a bounded wait, and refuses more than a few seconds', async () => {
    const target = new ReferenceTarget();
    await target.start();
    // The same target seen without its clock, as an emulator is (pause must not need real-time windows).
    const real = Object.assign(Object.create(target) as ReferenceTarget, { advanceTime: undefined });
    const s = new Session(real, 'pause');
    const t0 = Date.now();
    await s.pause(120);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    expect(s.boundedWaits).toBe(1);
    expect(s.waitingMs).toBe(120);
    await expect(s.pause(MAX_PAUSE_MS + 1)).rejects.toThrow(/a pause is at most 5000 ms/);
  });
});
