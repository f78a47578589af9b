import type { FromWorker, ToWorker } from './worker-message.js';

/**
 * How scenario workers are isolated: `threads` (worker_threads, one process) or `forks` (child
 * processes, each in its own process group, so a crashed worker's helpers are killed with it).
 */
export type WorkerKind = 'threads' | 'forks';

/** How a worker ended. */
export interface WorkerExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** The uncaught error or the last lines of the worker's stderr, when there are any. */
  readonly detail: string;
}

/** One running worker, thread or process, as the pool sees it. */
export interface WorkerHandle {
  readonly kind: WorkerKind;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Settles once the worker, and for `forks` every process of its group, is gone. */
  readonly exited: Promise<WorkerExit>;
  /** Asks the worker to clean up and exit; kills it (and its group) after `graceMs`. */
  stop(graceMs: number): Promise<WorkerExit>;
}
