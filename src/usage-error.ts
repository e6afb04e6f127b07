/**
 * A mistake in what the user gave: a command line, a config, a baseline, a report, a recording, an endpoint or a
 * target option. The CLI answers every one of them, and nothing else, with its message on one line and exit code 2
 * (`EXIT.usage`, src/exit-codes.ts): each reader's own error class extends this one, so the CLI lists no classes.
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}
