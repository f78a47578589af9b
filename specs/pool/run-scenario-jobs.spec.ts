import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { runScenarioJobs as runFromSource } from '../../src/pool/run-scenario-jobs.js';
import type { ScenarioJobResult } from '../../src/pool/scenario-job.js';
import { skippedWithout } from '../runner/sandbox-runner.js';
import { survivors } from '../support/survivors.js';
import { type ScenarioSandbox, scenarioSandbox } from './support/scenario-sandbox.js';

type RunScenarioJobs = typeof runFromSource;
const built = fileURLToPath(new URL('../../dist/pool/run-scenario-jobs.js', import.meta.url));
const hasBuild = existsSync(built);
const noNamespaces = hasBuild ? await skippedWithout('pid-namespace') : ' (skipped: run npm run build)';

/** What a result says, compactly: the scenario's name and verdict, or the error's code. */
function summary(result: ScenarioJobResult): string {
  return result.ok ? `${result.result.name}: ${result.result.passed ? 'passed' : 'failed'}` : `${result.crashed ? 'crashed' : 'error'} ${result.error.code}`;
}

/** Worker processes of this test process (forked scenario workers). */
function workerPids(): number[] {
  return readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('scenario-worker.js') ? [Number(pid)] : [];
    } catch {
      return [];
    }
  });
}

/** The parent, grandparent ... of `pid`, read from /proc. */
function ancestors(pid: number): number[] {
  const found: number[] = [];
  for (let at = pid; at > 1;) {
    try {
      const stat = readFileSync(`/proc/${at}/stat`, 'utf8');
      at = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      found.push(at);
    } catch {
      break;
    }
  }
  return found;
}

let box: ScenarioSandbox;
beforeAll(() => {
  box = scenarioSandbox();
});
afterAll(() => box.remove());

describe('runScenarioJobs in this thread (jobs: 1)', () => {
  it('returns one result per job in input order, a bad scenario as that job\'s error', async () => {
    const jobs = [
      { file: box.scenario('first', 'ok-first'), cwd: box.root },
      { file: 'scenarios/missing.yaml', cwd: box.root },
      { file: box.raw('invalid', 'name: invalid\nsteps: 42\n'), cwd: box.root },
      { file: box.scenario('last', 'ok-last'), cwd: box.root },
    ];
    const results = await runFromSource(jobs, { jobs: 1 });
    expect(results.map(summary)).toEqual(['first: passed', 'error SCENARIO_NOT_FOUND', 'error SCENARIO_INVALID', 'last: passed']);
    expect(results.map((r) => r.job)).toEqual(jobs);
    const invalid = results[2]!;
    expect(invalid.ok === false && invalid.error).toBeInstanceOf(VirthookError);
    expect(invalid.ok === false && invalid.error.problems.map((p) => p.path)).toContain('steps');
    expect(results[0]!.ok && results[0]!.result.runs[0]!.recording.invocations.map((i) => i.argv[1])).toEqual(['start', 'started', 'stopped']);
    expect(survivors()).toEqual([]);
  });

  it('passes run options through (libvirt releases), and reports an unknown release as the job\'s error', async () => {
    const file = box.scenario('matrix', 'ok-matrix');
    const [both, unknown] = await runFromSource([{ file, cwd: box.root, libvirt: ['9.0', '11.3'] }, { file, cwd: box.root, libvirt: ['0.1'] }], { jobs: 1 });
    expect(both!.ok && both!.result.runs.map((r) => r.libvirt)).toEqual(['9.0', '11.3']);
    expect(summary(unknown!)).toBe('error PROFILE_UNKNOWN');
  });

  it('rejects bad options and jobs with every problem listed, before anything runs', async () => {
    const options = await runFromSource([], { jobs: 0, pool: 'fibers' as never }).catch((e: unknown) => e);
    expect(options).toMatchObject({ code: 'OPTIONS_INVALID', problems: [{ path: 'jobs' }, { path: 'pool' }] });
    const mixed = await runFromSource([], { jobs: 2, createSession: async () => { throw new Error('unused'); } }).catch((e: unknown) => e);
    expect(mixed).toMatchObject({ code: 'OPTIONS_INVALID', problems: [{ path: 'createSession' }] });
    const jobs = await runFromSource([{ file: '' }, { file: 'a.yaml', timeoutMs: -1, maxOutputBytes: 1.5, now: () => 0 } as never], { jobs: 1 }).catch((e: unknown) => e);
    expect(jobs).toMatchObject({ code: 'OPTIONS_INVALID', problems: [{ path: 'jobs[0].file' }, { path: 'jobs[1].timeoutMs' }, { path: 'jobs[1].maxOutputBytes' }, { path: 'jobs[1].now' }] });
  });

  it('stops the running scenario\'s hooks when aborted and rejects with the reason', async () => {
    const controller = new AbortController();
    const run = runFromSource([{ file: box.scenario('hang-alone', 'hang-alone'), cwd: box.root }, { file: box.scenario('never', 'ok-never'), cwd: box.root }], { jobs: 1, signal: controller.signal });
    await box.asleep(1);
    controller.abort(new Error('stop now'));
    await expect(run).rejects.toThrow('stop now');
    expect(box.hanging()).toEqual([]);
    expect(survivors()).toEqual([]);
  });
});

describe.skipIf(!hasBuild).each(['forks', 'threads'] as const)(`runScenarioJobs on workers (%s)${hasBuild ? '' : ' (skipped: run npm run build)'}`, (pool) => {
  let run: RunScenarioJobs;
  beforeAll(async () => {
    run = ((await import(built)) as { runScenarioJobs: RunScenarioJobs }).runScenarioJobs;
  });

  it('reports results in input order although the second job finishes first', async () => {
    const settled: number[] = [];
    // The first job's hook waits until the second job's result has arrived: completion order 1 before 0, whatever the load.
    const results = await run([
      { file: box.scenario(`waits-${pool}`, `wait-release-${pool}`), cwd: box.root },
      { file: box.scenario(`quick-${pool}`, `ok-quick-${pool}`), cwd: box.root },
      { file: 'scenarios/missing.yaml', cwd: box.root },
    ], {
      jobs: 2, pool, onResult: (_, index) => {
        settled.push(index);
        if (index === 1) box.mark(`release-${pool}`);
      },
    });
    expect(results.map(summary)).toEqual([`waits-${pool}: passed`, `quick-${pool}: passed`, 'error SCENARIO_NOT_FOUND']);
    expect(settled.indexOf(1)).toBeLessThan(settled.indexOf(0));
    expect([...settled].sort()).toEqual([0, 1, 2]);
    // dist's VirthookError is a class of its own, so match on what it carries.
    expect(results[2]!.ok === false && results[2]!.error).toMatchObject({ name: 'VirthookError', code: 'SCENARIO_NOT_FOUND', problems: [{ message: 'not found' }] });
    expect(survivors()).toEqual([]);
  });

  it('kills every worker and hook when aborted, leaving nothing behind', async () => {
    const controller = new AbortController();
    const running = run([
      { file: box.scenario(`hang-a-${pool}`, `hang-a-${pool}`), cwd: box.root },
      { file: box.scenario(`hang-b-${pool}`, `hang-b-${pool}`), cwd: box.root },
      { file: box.scenario(`queued-${pool}`, `ok-queued-${pool}`), cwd: box.root },
    ], { jobs: 2, pool, signal: controller.signal });
    await box.asleep(2);
    controller.abort(new Error('aborted by the spec'));
    await expect(running).rejects.toThrow('aborted by the spec');
    expect(box.hanging()).toEqual([]);
    expect(survivors()).toEqual([]);
  });
});

describe.skipIf(noNamespaces !== '')(`runScenarioJobs on workers: hook supervisors (pid-namespace)${noNamespaces}`, () => {
  it('reuses a worker\'s hook supervisor from one scenario to the next, and stops it at the end', async () => {
    const { runScenarioJobs: run } = (await import(built)) as { runScenarioJobs: RunScenarioJobs };
    const jobs = ['one', 'two', 'three'].map((name) => ({ file: box.scenario(`ns-${name}`, `ns-${name}`), cwd: box.root }));
    const results = await run(jobs, { jobs: 2, pool: 'threads' });
    const namespaces = results.map((r) => (r.ok ? r.result.runs[0]!.recording.invocations[0]!.stdout.trim() : 'failed'));
    // Three scenarios on two workers: one worker ran two of them, in the same supervisor's PID namespace.
    expect(namespaces.every((ns) => /^pid:\[\d+\] \d+$/.test(ns))).toBe(true);
    expect(new Set(namespaces).size).toBeLessThan(3);
    expect(survivors()).toEqual([]);
  });
});

describe.skipIf(!hasBuild)('runScenarioJobs on forked workers: crash recovery', () => {
  it('reports a killed worker for its job only, replaces it, and leaves none of its hooks', async () => {
    const { runScenarioJobs: run } = (await import(built)) as { runScenarioJobs: RunScenarioJobs };
    const killer = (async () => {
      await box.asleep(1);
      // The worker the hanging hook descends from (hooks sit in process groups of their own).
      const [victim] = workerPids().filter((pid) => box.hanging().some((hook) => ancestors(Number(hook)).includes(pid)));
      process.kill(victim!, 'SIGKILL');
      return victim!;
    })();
    const results = await run([
      { file: box.scenario('victim', 'hang-victim'), cwd: box.root },
      { file: box.scenario('bystander', 'ok-bystander'), cwd: box.root },
      { file: box.scenario('after', 'ok-after'), cwd: box.root },
      { file: box.scenario('after-2', 'ok-after-2'), cwd: box.root },
    ], { jobs: 2, pool: 'forks' });
    const victim = await killer;
    expect(results.map(summary)).toEqual(['crashed INTERNAL', 'bystander: passed', 'after: passed', 'after-2: passed']);
    // The command doubles' directory the killed worker could not remove was removed for it.
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`virthook-doubles-${victim}-`))).toEqual([]);
    expect(results[0]!.ok === false && results[0]!.error.message).toContain('was killed by SIGKILL');
    expect(box.hanging()).toEqual([]);
    expect(survivors()).toEqual([]);
  });
});
