/** The fakecloud target tells a sealed body at rest by fakecloud's own envelope test; plaintext never passes for sealed. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { isFakecloudEnvelope } from '../../test-targets/fakecloud/fakecloud-target.js';

it('recognises both of fakecloud envelope forms', () => {
  expect(isFakecloudEnvelope(Buffer.from([0x01, 0x02, 0x02, 0x00, 0xaa, 0xbb]).toString('base64'))).toBe(true);
  expect(isFakecloudEnvelope('fakecloud-kms:key:dGVzdA==')).toBe(true);
});

it('never takes a plaintext body for a sealed one', () => {
  expect(isFakecloudEnvelope('')).toBe(false);
  expect(isFakecloudEnvelope('AQICAA')).toBe(false); // the header without padding is not base64 fakecloud would write
  fc.assert(fc.property(fc.string(), (body) => (!body.startsWith('fakecloud-kms:') && !/^AQICA[A-P]/.test(body) ? !isFakecloudEnvelope(body) : true)));
  fc.assert(
    fc.property(
      fc.uint8Array(),
      (bytes) =>
        isFakecloudEnvelope(Buffer.from(bytes).toString('base64')) ===
        (bytes.length >= 4 && bytes[0] === 1 && bytes[1] === 2 && bytes[2] === 2 && bytes[3] === 0),
    ),
  );
});
