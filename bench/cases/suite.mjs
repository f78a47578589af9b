// The scenario suite: every scenario file of DIR/scenarios, run with runScenarioJobs (`jobs` N,
// 1 = in this thread) or, for MODE `1-worker`, on a pool of one worker (the pool's internals).
// usage: node suite.mjs DIR MODE POOL   (MODE: a number of jobs or 1-worker; POOL: threads, forks, default)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScenarioJobs } from '../../dist/pool/run-scenario-jobs.js';
import { normalizeScenarioPoolOptions } from '../../dist/pool/scenario-pool-options.js';
import { WorkerPool } from '../../dist/pool/worker-pool.js';
import { childrenCpuMs, peakRss, sampleTreeMemory, selfCpuMs } from '../lib/process-stats.mjs';

const [dir, mode, pool] = process.argv.slice(2);
const files = readdirSync(join(dir, 'scenarios')).sort().map((f) => `scenarios/${f}`);
const jobs = files.map((file) => ({ file, cwd: dir }));
const poolOption = pool === 'default' ? {} : { pool };

async function oneWorker() {
  const settings = normalizeScenarioPoolOptions(poolOption);
  const workers = new WorkerPool({ size: 1, kind: settings.pool, entry: settings.entry, stopGraceMs: settings.stopGraceMs });
  try {
    const outcomes = await Promise.all(jobs.map((job) => workers.run(job)));
    return outcomes.map((o) => (o.crashed ? { ok: false, error: { message: o.reason } } : o.outcome));
  } finally {
    await workers.dispose();
  }
}

const sampler = sampleTreeMemory(500);
const cpu0 = selfCpuMs();
const t0 = performance.now();
const results = mode === '1-worker' ? await oneWorker() : await runScenarioJobs(jobs, { jobs: Number(mode), ...poolOption });
const ms = performance.now() - t0;
const memory = sampler.stop();
const bad = results.filter((r) => !r.ok || !r.result.passed);
const calls = results.reduce((sum, r) => sum + (r.ok ? r.result.runs.reduce((s, run) => s + run.recording.invocations.length, 0) : 0), 0);
console.log(JSON.stringify({
  scenarios: results.length, calls, ms, failed: bad.length,
  firstFailure: bad[0] ? (bad[0].ok ? JSON.stringify(bad[0].result.runs[0].failures[0]) : bad[0].error.message) : null,
  cpuMs: selfCpuMs() - cpu0 + childrenCpuMs(), peakTreeRss: memory.peakRss, peakTreePss: memory.peakPss, peakMainRss: peakRss(),
  pssSamples: memory.samples.filter((_, i) => i % 5 === 0),
}));
