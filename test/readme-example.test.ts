/** The README's examples of the reference as a fake are run as written, so they cannot rot. */
import { KmsDisabled } from '@aws-sdk/client-sqs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';

/** Writes the README's `ts` block after `<!-- example: NAME … -->` to a module and returns its URL. */
function example(name: string): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = new RegExp(`<!-- example: ${name}[^>]*-->\\n\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1];
  expect(block, `README has the ts example ${name}`).toBeTruthy();
  const dir = new URL('./.generated/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`readme-${name}.ts`, dir);
  writeFileSync(file, `${block}\nexport {};\n`);
  return file.href;
}

it('runs the README example: the last send fails with KmsDisabled after the reuse period', async () => {
  await expect(import(example('reference-fake'))).rejects.toBeInstanceOf(KmsDisabled);
});

it('runs the README example of application code, unchanged, against clients attached to the model (its asserts pass)', async () => {
  await expect(import(example('app-fake'))).resolves.toBeDefined();
});
