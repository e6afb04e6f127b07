/**
 * Progress of a long run. On a terminal: a status line (clause n of m, the current clause,
 * elapsed time, failures so far) rewritten in place above the finished clauses. Elsewhere (CI
 * logs): only one line per finished clause, nothing rewritten. What it shows is escaped for a terminal (its own
 * control sequence aside): a clause's reason may quote a target's error message.
 */
import { terminalText } from '../../src/terminal-text.js';

export class Progress {
  readonly #out: NodeJS.WriteStream;
  readonly #tty: boolean;
  readonly #started = Date.now();
  #failures = 0;

  constructor(out: NodeJS.WriteStream) {
    this.#out = out;
    this.#tty = out.isTTY === true;
  }

  start(id: string, i: number, n: number): void {
    if (!this.#tty) return;
    const elapsed = ((Date.now() - this.#started) / 1000).toFixed(0);
    const status = terminalText(`clause ${i + 1} of ${n} · ${id} · ${elapsed}s · ${this.#failures} failing`, { oneLine: true });
    this.#out.write(`\r\x1b[2K${status.slice(0, (this.#out.columns ?? 120) - 1)}`);
  }

  end(line: string, verdict: string): void {
    if (verdict === 'fail' || verdict === 'unexpected-pass' || verdict === 'error') this.#failures++;
    this.#out.write(`${this.#tty ? '\r\x1b[2K' : ''}${terminalText(line)}\n`);
  }
}
