/**
 * The controlled vocabulary of feature tags (test262's features.txt idea): the lint rejects any other. The tags
 * that need a service are in that service's registry entry (src/services/: `features`), so that a clause tagged
 * with one is not observable on a target without the service; these are the rest.
 */
import type { BuiltinService } from './services/builtins.js';
import type { FeaturesOf } from './services/define.js';
import { fromRegistry, services } from './services/registry.js';

export const FEATURES = {
  'key-state': 'key states and their transitions, and what each state allows',
  'key-identifiers': 'the four key identifier forms and how they resolve',
  aliases: 'alias naming rules and lifecycle',
  'aws-managed-keys': 'alias/aws/sns, alias/aws/sqs and alias/aws/s3',
  grants: 'KMS grants, grant tokens, and what a grant lets its grantee do',
  'key-rotation': 'automatic and on-demand rotation of key material',
  'key-policy': 'key policies: the default one, statements, and the conditions they test',
  'error-messages': 'the text of an error message, asserted below MUST and apart from its code',
  'sse-kms': 'server-side encryption with a KMS key',
  'sse-sqs': 'server-side encryption with SQS-owned keys',
  'sse-s3': 'server-side encryption with Amazon S3 managed keys',
  'sse-c': 'server-side encryption with customer-provided keys (S3 SSE-C)',
  copy: 'copying an object (S3 CopyObject), and what the copy is encrypted with',
  'bucket-encryption': "a bucket's default encryption: PutBucketEncryption, GetBucketEncryption, DeleteBucketEncryption",
  'bucket-keys': "S3 Bucket Keys: BucketKeyEnabled on a bucket's default encryption and on a write, and what objects report",
  multipart: 'S3 multipart uploads: CreateMultipartUpload, UploadPart, CompleteMultipartUpload, and how their object is encrypted',
  attributes: 'configuration attributes and what they echo',
  transparency: 'bodies, attributes and MD5s round-trip unchanged through encryption',
  backlog: 'messages or objects stored before SSE was enabled or changed, or sealed before it was disabled',
  'data-key-reuse': 'data-key caching windows after a key becomes unusable',
  'at-rest': 'what is sealed at rest and what is not',
  limits: 'size and range limits',
  fifo: 'FIFO topics and queues',
  'model-based': 'generated command sequences checked step by step against the reference model',
} as const;

/** A feature tag: one of the built-in services' (`sqs`, `sns-to-sqs`) or of the vocabulary above. */
export type Feature = keyof typeof FEATURES | FeaturesOf<BuiltinService>;

/** Every feature tag and its meaning: each service's of the registry first (in its order), then the vocabulary above. */
export const featureVocabulary = fromRegistry(
  (): Readonly<Record<string, string>> => ({
    ...Object.fromEntries(services().flatMap((e) => Object.entries(e.features).map(([tag, f]) => [tag, f.description]))),
    ...FEATURES,
  }),
);
