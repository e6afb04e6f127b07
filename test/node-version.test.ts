/** The Node versions the CLI and the tests accept (package.json engines), and the CLI's warning and its off switch. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { MIN_NODE, nodeWarning, supportsNode } from '../app/cli/node-version.js';

it('accepts Node 22.12 and newer, and refuses what is older', () => {
  expect(['22.12.0', 'v22.23.3', '23.0.0', '24.21.0'].map(supportsNode)).toEqual([true, true, true, true]);
  expect(['20.20.2', 'v22.11.9', '18.0.0', '21.99.0'].map(supportsNode)).toEqual([false, false, false, false]);
});

it('says the same as package.json engines and .nvmrc', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
  expect(pkg.engines.node).toBe(`>=${MIN_NODE.join('.')}`);
  expect(Number(readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim())).toBe(MIN_NODE[0]);
  expect(readFileSync(new URL('../.npmrc', import.meta.url), 'utf8')).toMatch(/^engine-strict=true$/m);
});

it('warns in one line on an older Node, unless SSE_CONFORMANCE_NODE_WARNING=off', () => {
  const w = nodeWarning('20.20.2', {});
  expect(w).toMatch(/^sse-conformance: WARNING: Node 20\.20\.2 is not supported \(Node 22\.12 or newer is;[^\n]*\n$/);
  expect(nodeWarning('20.20.2', { SSE_CONFORMANCE_NODE_WARNING: 'off' })).toBeUndefined();
  expect(nodeWarning('22.12.0', {})).toBeUndefined();
});
