import { VirthookError } from '../errors/virthook-error.js';
import type { JobExecutor, TaskOutcome } from './job-executor.js';
import { startForkWorker } from './start-fork-worker.js';
import { startThreadWorker } from './start-thread-worker.js';
import type { WorkerExit, WorkerHandle, WorkerKind } from './worker-handle.js';
import type { FromWorker } from './worker-message.js';


/** How the pool is built. */
export interface WorkerPoolSettings {
  /** Workers at most; they start on demand and stay until dispose(). */
  readonly size: number;
  readonly kind: WorkerKind;
  /** The compiled worker module (see scenario-worker.ts for the protocol it speaks). */
  readonly entry: URL;
  /** How long a stopping worker may take to clean up before it is killed. */
  readonly stopGraceMs: number;
}

interface Task {
  readonly id: number;
  readonly job: unknown;
  resolve(outcome: TaskOutcome): void;
  reject(error: Error): void;
}

interface Slot {
  readonly handle: WorkerHandle;
  ready: boolean;
  task: Task | null;
  stopping: boolean;
}

function describeExit(exit: WorkerExit): string {
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
  return exit.detail === '' ? how : `${how}: ${exit.detail}`;
}

/**
 * Runs tasks on up to `size` workers, one task per worker at a time, first come first served.
 * A worker that dies while running a task is reported as that task's outcome and replaced on
 * demand; one that dies before it is ready is a fault that fails the waiting tasks.
 */
export class WorkerPool implements JobExecutor {
  readonly #settings: WorkerPoolSettings;
  readonly #slots = new Set<Slot>();
  readonly #queue: Task[] = [];
  #nextId = 0;
  #disposed: Error | null = null;

  constructor(settings: WorkerPoolSettings) {
    this.#settings = settings;
  }

  /** Runs one job on the next free worker. Rejects only when the pool is disposed or cannot start workers. */
  run(job: unknown): Promise<TaskOutcome> {
    if (this.#disposed) return Promise.reject(this.#disposed);
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, job, resolve, reject });
      this.#pump();
    });
  }

  /** Stops every worker (each cleans up its hooks first), failing unfinished tasks with `reason`. */
  async dispose(reason: Error = new VirthookError('INTERNAL', 'The scenario pool was disposed; its unfinished jobs did not run.')): Promise<void> {
    this.#disposed ??= reason;
    for (const task of this.#queue.splice(0)) task.reject(this.#disposed);
    const slots = [...this.#slots];
    for (const slot of slots) {
      slot.stopping = true;
      slot.task?.reject(this.#disposed);
      slot.task = null;
    }
    await Promise.all(slots.map((slot) => slot.handle.stop(this.#settings.stopGraceMs)));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const idle = [...this.#slots].find((slot) => slot.ready && slot.task === null && !slot.stopping);
      if (idle) {
        this.#assign(idle, this.#queue.shift() as Task);
        continue;
      }
      const starting = [...this.#slots].filter((slot) => !slot.ready).length;
      if (this.#slots.size >= this.#settings.size || starting >= this.#queue.length) return;
      this.#start();
    }
  }

  #assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.handle.send({ type: 'run', id: task.id, job: task.job });
  }

  #start(): void {
    const { kind, entry } = this.#settings;
    const handle = kind === 'threads' ? startThreadWorker(entry) : startForkWorker(entry);
    const slot: Slot = { handle, ready: false, task: null, stopping: false };
    this.#slots.add(slot);
    handle.onMessage((message) => this.#receive(slot, message));
    void handle.exited.then((exit) => this.#exited(slot, exit));
  }

  #receive(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      slot.ready = true;
    } else if (slot.task !== null && slot.task.id === message.id) {
      const task = slot.task;
      slot.task = null;
      task.resolve({ crashed: false, outcome: message.outcome });
    }
    this.#pump();
  }

  #exited(slot: Slot, exit: WorkerExit): void {
    this.#slots.delete(slot);
    if (slot.stopping) return;
    const task = slot.task;
    slot.task = null;
    if (!slot.ready) {
      // A worker that cannot even load will not do better next time: fail what waits instead of looping.
      const error = new VirthookError('INTERNAL', `Failed to start a scenario worker (${slot.handle.kind}): it ${describeExit(exit)}.`);
      for (const waiting of this.#queue.splice(0)) waiting.reject(error);
      task?.reject(error);
      return;
    }
    task?.resolve({ crashed: true, reason: `the ${slot.handle.kind === 'threads' ? 'worker thread' : 'worker process'} running it ${describeExit(exit)}` });
    this.#pump();
  }
}
