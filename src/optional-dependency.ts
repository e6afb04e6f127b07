/**
 * Emulator-only packages (execa, fauxqs, testcontainers, @testcontainers/localstack, @floci/testcontainers) are optional
 * peer dependencies: npm does not install them with sse-conformance, so someone who only runs the
 * reference never gets them. (Optional peers rather than optionalDependencies: leaving those out
 * takes `npm install --omit=optional`, which also drops the native bindings vitest and esbuild need.)
 * They are imported when their target starts; a missing one is named in one line, with the command
 * that installs the version this package is tested with. The CLI exits 3, as for any target that
 * cannot be started.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';
import { TargetUnavailableError } from './target.js';

/** A target needs a package that is not installed (a TargetUnavailableError: the CLI exits 3). */
export class MissingPackageError extends TargetUnavailableError {}

/** The version package.json names for an optional peer dependency. */
export function pinnedVersion(pkg: string): string | undefined {
  const json = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  return json.peerDependencies?.[pkg] ?? json.dependencies?.[pkg];
}

/** The one line for a package that is not installed. */
export function missingPackageMessage(pkg: string, neededFor: string): string {
  const v = pinnedVersion(pkg);
  return `${neededFor} needs the package ${pkg}, which is not installed (an optional peer dependency): npm install ${pkg}${v ? `@${v}` : ''}`;
}

const notFound = (e: unknown, pkg: string): boolean => {
  const err = e as NodeJS.ErrnoException | undefined;
  return (
    (err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'MODULE_NOT_FOUND') && new RegExp(`['"]${pkg.replace(/[/.]/g, '\\$&')}['"/]`).test(err.message ?? '')
  );
};

/**
 * `load` is the dynamic import itself (`() => import('execa')`), so the module keeps its types.
 * Only the package's own absence becomes a MissingPackageError; any other failure is rethrown.
 */
export async function importOptional<T>(pkg: string, neededFor: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (notFound(e, pkg)) throw new MissingPackageError(missingPackageMessage(pkg, neededFor));
    throw e;
  }
}
