/**
 * The themes of the mission, one per clause: docs/spec.md opens with a coverage table by theme, so
 * that a reader sees what each theme holds and what stays out of it.
 */
export const THEMES = {
  'encryption-scope': 'what is encrypted, and that clients see bodies, attributes, sizes and deliveries unchanged',
  'backlog': 'messages stored before SSE-KMS was enabled are not encrypted by it',
  'persistence': 'messages sealed under a key stay sealed after SSE is turned off or the key changes',
  'key-reuse': 'how long a cached data key keeps working after its KMS key becomes unusable',
  'error-codes': 'which error Send, Receive and Publish give for each key state and permission',
  'configuration': 'SSE attributes, their defaults, ranges and echo, key identifiers and aliases',
  'key-state': 'KMS key states, their transitions, and what each state allows',
  'sequences': 'generated sequences of calls across every theme, checked step by step against the model',
} as const;

export type Theme = keyof typeof THEMES;
