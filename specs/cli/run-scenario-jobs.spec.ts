import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { chooseJobRunner, runJobsInOrder } from '../../src/cli/run-scenario-jobs.js';

// Any file that exists stands for the compiled worker module; a path that does not, for sources.
const present = new URL(import.meta.url);
const missing = new URL('./no-such-scenario-worker.js', import.meta.url);

describe('chooseJobRunner (--jobs)', () => {
  it('runs in this process for --jobs 1, or when there is only one scenario to run', () => {
    expect(chooseJobRunner(1, 10, present)).toBe(runJobsInOrder);
    expect(chooseJobRunner(4, 1, present)).toBe(runJobsInOrder);
    expect(chooseJobRunner(null, 1, present)).toBe(runJobsInOrder);
  });

  it('uses a worker pool for --jobs N with several scenarios', () => {
    expect(chooseJobRunner(2, 2, present)).not.toBe(runJobsInOrder);
  });

  it('defaults to one worker per core when the compiled worker exists', () => {
    expect(chooseJobRunner(null, 8, present) === runJobsInOrder).toBe(availableParallelism() < 2);
  });

  it('defaults to this process when running from sources, where there is no worker module to fork', () => {
    expect(chooseJobRunner(null, 8, missing)).toBe(runJobsInOrder);
  });
});
