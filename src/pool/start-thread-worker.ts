import { Worker } from 'node:worker_threads';
import { stderrTail } from './stderr-tail.js';
import type { WorkerExit, WorkerHandle } from './worker-handle.js';
import { isFromWorker } from './worker-message.js';

/** Starts a worker_threads worker running `entry` (a compiled ES module). */
export function startThreadWorker(entry: URL): WorkerHandle {
  const worker = new Worker(entry, { stdout: true, stderr: true });
  const tail = stderrTail();
  worker.stdout.resume();
  worker.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
  let uncaught: Error | null = null;
  worker.on('error', (error) => {
    uncaught = error;
  });
  const exited = new Promise<WorkerExit>((resolve) => {
    worker.once('exit', (code) => {
      const error = uncaught as Error | null;
      resolve({ code, signal: null, detail: error ? (error.stack ?? String(error)) : tail.text() });
    });
  });
  return {
    kind: 'threads',
    send: (message) => worker.postMessage(message),
    onMessage(listener) {
      worker.on('message', (message: unknown) => {
        if (isFromWorker(message)) listener(message);
      });
    },
    exited,
    async stop(graceMs) {
      worker.postMessage({ type: 'stop' });
      // terminate() ends the thread's JS; its helpers see their stdin close and clean up themselves.
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}
