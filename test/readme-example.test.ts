/** The docs' examples of the reference as a fake (README.md and docs/library.md) are run as written, so they cannot rot. */
import { KmsDisabled } from '@aws-sdk/client-sqs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { docExample } from './doc-examples.js';

/** Writes the `ts` block after `<!-- example: NAME … -->` to a module and returns its URL. */
function example(name: string): string {
  const block = docExample(name);
  const dir = new URL('./.generated/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`readme-${name}.ts`, dir);
  writeFileSync(file, `${block}\nexport {};\n`);
  return file.href;
}

it('runs the README example: the last send fails with KmsDisabled after the reuse period', async () => {
  await expect(import(example('reference-fake'))).rejects.toBeInstanceOf(KmsDisabled);
});

it('runs the example of application code in docs/library.md, unchanged, against clients attached to the model (its asserts pass)', async () => {
  await expect(import(example('app-fake'))).resolves.toBeDefined();
});

it('finds each example in exactly one file, and refuses a name no file holds', () => {
  expect(docExample('vitest')).toContain("describeConformance('reference'");
  expect(() => docExample('no-such-example')).toThrow('the ts example no-such-example is in none of README.md, docs/library.md');
});
