/**
 * A local TCP server that accepts connections and never answers: where the faulty target sends a
 * request of an HTTP target that must meet silence, so the SDK's real handler times it out at the
 * client's real bound, with its real error.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export class BlackHole {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #port: Promise<number> | undefined;

  constructor() {
    this.#server = createServer((s) => {
      this.#sockets.add(s);
      s.on('error', () => {}); // the client gives up and resets; nothing to report
      s.on('close', () => this.#sockets.delete(s));
      s.resume(); // read the request, never write
    });
  }

  /** Its port on 127.0.0.1, listening from the first call on. */
  port(): Promise<number> {
    // biome-ignore lint/suspicious/noAssignInExpressions: the first call starts listening, later calls share its promise
    return (this.#port ??= new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve((this.#server.address() as AddressInfo).port));
    }));
  }

  async close(): Promise<void> {
    if (!this.#port) return;
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((r) => this.#server.close(() => r()));
    this.#port = undefined;
  }
}
