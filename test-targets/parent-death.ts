/**
 * An emulator process dies with the process that started it, even when that one is killed with SIGKILL (which no
 * handler of ours can see, so execa's cleanup cannot run). On Linux the command runs under util-linux's `setpriv
 * --pdeathsig KILL`, which sets the parent-death signal (prctl PR_SET_PDEATHSIG) and then executes the command in
 * its place: the same PID, the same pipes, and the kernel sends it SIGKILL when its parent dies. Where setpriv is
 * missing (not Linux) the command runs as it is, and dies with a parent that exits normally or on a signal it
 * handles (execa's `cleanup`). The kernel sends the signal when the *thread* that spawned the process ends: started
 * from a worker thread (vitest's `threads` pool), an emulator ends with that worker, which is when its tests are done.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

let setpriv: string | null | undefined;

/** setpriv's path, looked up once: PATH, then /usr/bin. */
function setprivPath(): string | null {
  if (setpriv !== undefined) return setpriv;
  setpriv = null;
  if (process.platform !== 'linux') return setpriv;
  for (const dir of [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/bin']) {
    try {
      accessSync(join(dir, 'setpriv'), constants.X_OK);
      setpriv = join(dir, 'setpriv');
      break;
    } catch {
      // not here
    }
  }
  return setpriv;
}

/** The command line that runs `command` so that it dies with this process (see above). */
export function dyingWithParent(command: string, args: string[]): { command: string; args: string[]; wrapped: boolean } {
  const wrapper = setprivPath();
  return wrapper ? { command: wrapper, args: ['--pdeathsig', 'KILL', '--', command, ...args], wrapped: true } : { command, args, wrapped: false };
}

/** setpriv could not execute the command (exit code 127): the command is missing, as spawn's ENOENT says unwrapped. */
export const wrappedCommandMissing = (exitCode: number | undefined, stderr: string): boolean =>
  exitCode === 127 && /setpriv: failed to execute .*No such file or directory/.test(stderr);
