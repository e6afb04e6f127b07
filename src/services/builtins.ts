/**
 * The services built in, in the order the engine lists them. Adding a service is one entry file beside these and
 * one line here (docs/architecture.md, "Adding a service"); a test can also add one at run time (./registry.ts).
 */
import type { Service as ReferenceService } from '../../reference/errors.js';
import { kms } from './kms.js';
import { s3 } from './s3.js';
import { sns } from './sns.js';
import { sqs } from './sqs.js';

export const BUILTIN_SERVICES = [kms, sns, sqs, s3] as const;

export type BuiltinService = (typeof BUILTIN_SERVICES)[number];
export type BuiltinServiceName = BuiltinService['name'];

type Assert<T extends true> = T;
/**
 * The reference model keeps its own union of the services it models (reference/ imports nothing outside itself):
 * each must be a built-in service, a type error here otherwise.
 */
export type ReferenceModelsBuiltins = Assert<[ReferenceService] extends [BuiltinServiceName] ? true : false>;
