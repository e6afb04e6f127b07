/**
 * The Node versions the CLI supports (package.json `engines`: >=22.12). Below that the CLI still tries, after one
 * warning line on stderr; SSE_CONFORMANCE_NODE_WARNING=off silences it.
 */
export const MIN_NODE = [22, 12] as const;

export function supportsNode(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** The warning line for this Node and environment, or undefined when there is none to give. */
export function nodeWarning(version: string, env: NodeJS.ProcessEnv): string | undefined {
  if (supportsNode(version) || env.SSE_CONFORMANCE_NODE_WARNING === 'off') return undefined;
  return `sse-conformance: WARNING: Node ${version} is not supported (Node ${MIN_NODE.join('.')} or newer is; Node 20 reached end of life in April 2026). The fauxqs target needs Node ≥ 22.5.\n`;
}
