/**
 * Before the tests: refuses a Node older than the package's engines, in one line. After the run: lists loudly
 * every suite that could not run on this machine, and why.
 */
import { rmSync } from 'node:fs';
import { supportsNode } from '../app/cli/node-version.js';
import { NOT_RUN_LOG, notRunLines } from './prerequisites.js';

export default function setup(): () => void {
  if (!supportsNode(process.versions.node)) {
    process.stderr.write(`sse-conformance tests: Node ${process.versions.node} is too old; they need Node 22.12 or newer (.nvmrc; package.json engines)\n`);
    process.exit(1);
  }
  rmSync(NOT_RUN_LOG, { force: true });
  return () => {
    const lines = notRunLines();
    if (!lines.length) return;
    const bar = '!'.repeat(78);
    process.stderr.write(
      `\n${bar}\nNOT RUN on this machine (${lines.length}), so their behaviour was not checked:\n${lines.map((l) => `  - ${l}`).join('\n')}\n${bar}\n`,
    );
  };
}
