/** The controlled vocabulary of feature tags (test262's features.txt idea): the lint rejects any other. */
export const FEATURES = {
  kms: 'AWS KMS behaviour SNS and SQS encryption relies on',
  'key-state': 'key states and their transitions, and what each state allows',
  'key-identifiers': 'the four key identifier forms and how they resolve',
  aliases: 'alias naming rules and lifecycle',
  'aws-managed-keys': 'alias/aws/sns and alias/aws/sqs',
  grants: 'KMS grants, grant tokens, and what a grant lets its grantee do',
  'key-rotation': 'automatic and on-demand rotation of key material',
  'key-policy': 'key policies: the default one, statements, and the conditions they test',
  'error-messages': 'the text of an error message, asserted below MUST and apart from its code',
  sqs: 'Amazon SQS',
  sns: 'Amazon SNS',
  'sse-kms': 'server-side encryption with a KMS key',
  'sse-sqs': 'server-side encryption with SQS-owned keys',
  attributes: 'configuration attributes and what they echo',
  transparency: 'bodies, attributes and MD5s round-trip unchanged through encryption',
  backlog: 'messages stored before SSE was enabled, or sealed before it was disabled',
  'data-key-reuse': 'data-key caching windows after a key becomes unusable',
  'at-rest': 'what is sealed at rest and what is not',
  limits: 'size and range limits',
  fifo: 'FIFO topics and queues',
  'sns-to-sqs': 'SNS delivery into SQS queues, encrypted or not',
  'model-based': 'generated command sequences checked step by step against the reference model',
} as const;

export type Feature = keyof typeof FEATURES;
