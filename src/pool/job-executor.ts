/** What one task came to: the worker's answer, or the worker's death while it ran the task. */
export type TaskOutcome = { readonly crashed: false; readonly outcome: unknown } | { readonly crashed: true; readonly reason: string };

/** Runs jobs somewhere (this thread, or a pool of workers) and can be stopped. */
export interface JobExecutor {
  /** Rejects only when the executor was disposed (with the dispose reason) or cannot start workers. */
  run(job: unknown): Promise<TaskOutcome>;
  /** Stops everything running, failing unfinished tasks with `reason`; resolves once nothing is left. */
  dispose(reason?: Error): Promise<void>;
}
