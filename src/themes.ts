/**
 * The themes of the mission, one per clause: docs/spec.md opens with a coverage table by theme, so
 * that a reader sees what each theme holds and what stays out of it, and why.
 */
export const THEMES = {
  'encryption-scope': {
    meaning: 'what is encrypted, and that clients see bodies, attributes, sizes and deliveries unchanged',
    outside:
      'the ciphertext itself (X-3: no client sees it; targets with at-rest inspection stand in), and HTTPS-only access to encrypted resources (SNS-11, SQS-12: the suite never sends to AWS over plain HTTP)',
  },
  backlog: {
    meaning: 'messages stored before SSE-KMS was enabled are not encrypted by it, and S3 objects keep the encryption they were written with',
    outside: 'the exact moment a change takes effect on AWS (up to 60 s): clauses allow the window instead of timing it',
  },
  persistence: {
    meaning: 'messages sealed under a key stay sealed after SSE is turned off or the key changes',
    outside: 'SNS messages held in delivery retry when SSE changes (SNS-3: no run can hold a delivery in retry for hours)',
  },
  'key-reuse': {
    meaning: 'how long a cached data key keeps working after its KMS key becomes unusable',
    outside: 'the number of KMS calls and their cost (SNS-12: only CloudTrail and billing show it; `estimate-kms-cost` computes the documented formulas)',
  },
  'error-codes': {
    meaning: 'which error Send, Receive, Publish and GetObject give for each key state and permission',
    outside: 'real KMS throttling (KMS-10) and keys of another account (KMS-11): neither can be arranged in one account and one run',
  },
  configuration: {
    meaning: 'SSE attributes, their defaults, ranges and echo, key identifiers and aliases',
    outside: 'AWS services other than SNS, SQS and KMS publishing to encrypted topics (SNS-15)',
  },
  'key-state': {
    meaning: 'KMS key states, their transitions, and what each state allows',
    outside: "waiting out a real deletion window (7 days at least): deletion is observed on the reference's virtual clock only",
  },
  sequences: {
    meaning: 'generated sequences of calls across every theme, checked step by step against the model',
    outside: 'nothing by design; on targets without a virtual clock, sequences cannot let time pass',
  },
} as const satisfies Record<string, { meaning: string; outside: string }>;

export type Theme = keyof typeof THEMES;
