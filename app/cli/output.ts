/**
 * Everything the CLI writes goes through here, and so through `terminalText` (src/terminal-text.ts): control and
 * bidi characters escaped, credentials in URLs redacted, whatever the text came from (a report, a file name, a
 * target's error message). A message on stderr is one line: `sse-conformance: …`, its newlines escaped too.
 */
import { terminalText } from '../../src/terminal-text.js';

/** Standard output: reports, listings, summaries (newlines kept). */
export const out = (text: string): void => void process.stdout.write(terminalText(text));

/** Standard error, several lines kept (the run's plan, a replay shown beside a script on stdout, a stack trace). */
export const err = (text: string): void => void process.stderr.write(terminalText(text));

/** One line on standard error: `sse-conformance: <message>`, newlines in it escaped, cut when long. */
export const errLine = (message: string): void => void process.stderr.write(`sse-conformance: ${terminalText(message, { oneLine: true })}\n`);

/**
 * commander's own messages (`error: option '--format <format>' argument 'x' is invalid. …`) quote what was typed:
 * one line too. Its "(Did you mean --format?)" comes on a line of its own, which joins the message.
 */
export const commanderErr = (text: string): void => {
  const message = text.replace(/\n$/, '').replace(/\n(?=\(Did you mean )/g, ' ');
  process.stderr.write(`${terminalText(message, { oneLine: true })}\n`);
};
