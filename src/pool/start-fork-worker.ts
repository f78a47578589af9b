import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DoublesSlot } from '../runner/doubles-slot.js';
import { stderrTail } from './stderr-tail.js';
import { terminateGroup } from './terminate-group.js';
import type { WorkerExit, WorkerHandle } from './worker-handle.js';
import { isFromWorker, type ToWorker } from './worker-message.js';

/** How long what is left of a dead worker's group gets between SIGTERM and SIGKILL. */
const GROUP_GRACE_MS = 2_000;

/**
 * Starts a child-process worker running `entry` in a process group of its own: the hook
 * supervisors it starts join that group, so nothing it started outlives it, even if it crashes.
 */
export function startForkWorker(entry: URL): WorkerHandle {
  const child = fork(fileURLToPath(entry), [], {
    serialization: 'advanced', detached: true, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [],
  });
  const tail = stderrTail();
  child.stderr?.on('data', (chunk: Buffer) => tail.push(chunk));
  const pgid = child.pid;
  const exited = new Promise<WorkerExit>((resolve) => {
    // Node may emit 'error' without 'exit' when the spawn itself failed; later errors (a failed kill) are moot.
    child.on('error', (error) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, detail: error.message });
    });
    child.once('exit', (code, signal) => {
      const exit = { code, signal, detail: tail.text() };
      if (pgid === undefined) return resolve(exit);
      void terminateGroup(pgid, GROUP_GRACE_MS).then(() => {
        // A killed worker could not dispose its command doubles' directories: removed for it once its group is gone.
        DoublesSlot.removeLeftBy(pgid);
        resolve(exit);
      });
    });
  });
  const send = (message: ToWorker): void => {
    if (child.connected) child.send(message, (error) => void error);
  };
  return {
    kind: 'forks',
    send,
    onMessage(listener) {
      child.on('message', (message: unknown) => {
        if (isFromWorker(message)) listener(message);
      });
    },
    exited,
    async stop(graceMs) {
      send({ type: 'stop' });
      const timer = setTimeout(() => {
        if (pgid !== undefined) void terminateGroup(pgid, GROUP_GRACE_MS);
      }, graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}
