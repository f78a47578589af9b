import { VirthookError } from '../errors/virthook-error.js';
import { holdSupervisorParking } from '../runner/supervisor-parking.js';
import type { SessionFactory } from '../scenario/run-scenario.js';
import type { JobExecutor, TaskOutcome } from './job-executor.js';
import { runScenarioJob } from './run-scenario-job.js';
import type { ScenarioJob } from './scenario-job.js';
import { trackSessions } from './track-sessions.js';

/** `jobs: 1`: runs scenario jobs one after another in this thread, with no worker to start. */
export class InThreadExecutor implements JobExecutor {
  readonly #sessions;
  #tail: Promise<unknown> = Promise.resolve();
  #disposed: Error | null = null;
  readonly #pending = new Set<(error: Error) => void>();
  // Scenario after scenario: each session's idle hook supervisor serves the next one, until dispose().
  readonly #releaseParking = holdSupervisorParking();

  constructor(createSession?: SessionFactory) {
    this.#sessions = trackSessions(createSession);
  }

  run(job: unknown): Promise<TaskOutcome> {
    if (this.#disposed) return Promise.reject(this.#disposed);
    const next = new Promise<TaskOutcome>((resolve, reject) => {
      this.#pending.add(reject);
      this.#tail = this.#tail.then(async () => {
        if (!this.#disposed) {
          const outcome = await runScenarioJob(job as ScenarioJob, this.#sessions.createSession);
          // A scenario whose sessions were disposed under it reports that failure: the abort wins.
          if (!this.#disposed) resolve({ crashed: false, outcome });
        }
        this.#pending.delete(reject);
      });
    });
    return next;
  }

  async dispose(reason: Error = new VirthookError('INTERNAL', 'The scenario pool was disposed; its unfinished jobs did not run.')): Promise<void> {
    this.#disposed ??= reason;
    for (const reject of this.#pending) reject(this.#disposed);
    this.#pending.clear();
    await this.#sessions.disposeAll();
    await this.#releaseParking();
  }
}
