/** The README's example of the reference as a fake is run as written, so it cannot rot. */
import { KmsDisabled } from '@aws-sdk/client-sqs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('runs the README example: the last send fails with KmsDisabled after the reuse period', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /<!-- example: reference-fake[^>]*-->\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block, 'README has a ts example').toBeTruthy();
  const dir = new URL('./.generated/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('readme-example.ts', dir);
  writeFileSync(file, `${block}\nexport {};\n`);
  await expect(import(file.href)).rejects.toBeInstanceOf(KmsDisabled);
});
