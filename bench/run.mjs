// npm run bench: the harness against the spawn floor and bats-core, written to bench/RESULTS.md.
// `npm run bench -- --quick` runs tiny sizes (a smoke test; RESULTS.md is left alone).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSpawnFloor, ensureBats, ensureParallel } from './lib/install-tools.mjs';
import { loadNow, machineFacts } from './lib/machine-facts.mjs';
import { explainResults } from './lib/explain-results.mjs';
import { renderResults } from './lib/render-results.mjs';
import { runBats } from './lib/run-bats.mjs';
import { median, runCase } from './lib/run-node-case.mjs';
import { childrenCpuMs } from './lib/process-stats.mjs';
import { inclusiveSummary, profileSummary } from './lib/profile-summary.mjs';
import { UPDATE_ARGV, writeBatsSuite, writeScenarios, writeWorkload } from './lib/workload.mjs';

const QUICK = process.argv.includes('--quick');
const SIZES = QUICK
  ? { bash: 40, python: 12, rounds: 2, suite: 4, batsProbe: 5, memory: 400, poolMemory: 20, profile: 40 }
  : { bash: 400, python: 60, rounds: 4, suite: 50, batsProbe: 20, memory: 10_000, poolMemory: 150, profile: 300 };
const root = fileURLToPath(new URL('..', import.meta.url));
const toolsDir = join(root, 'node_modules/.cache/virthook-bench');
const work = mkdtempSync(join(tmpdir(), 'virthook-bench-'));
const started = performance.now();
const log = (text) => process.stdout.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${text}\n`);
const perCall = (r) => r.ms / r.calls;

async function overhead(label, hooksDir, floor, n) {
  const hook = join(hooksDir, 'network');
  const rounds = { c: [], node: [], harness: [], cpu: [] };
  const each = Math.max(1, Math.round(n / SIZES.rounds));
  const floorArgs = [String(each), join(work, 'stdin.xml'), join(work, 'env.bin'), hook, ...UPDATE_ARGV];
  // Rounds alternate the three so that drift in the machine's load hits all of them alike.
  for (let r = 0; r < SIZES.rounds; r += 1) {
    if (floor.bin) rounds.c.push(perCall(await runCase('spawn-floor', floorArgs, { file: floor.bin })));
    rounds.node.push(perCall(await runCase('node-floor', floorArgs)));
    const harness = await runCase('harness-calls', [hooksDir, String(each)]);
    if (harness.failures > 0) throw new Error(`${label} hook failed ${harness.failures} times under the harness`);
    rounds.harness.push(perCall(harness));
    rounds.cpu.push(harness.nodeCpuMs / harness.calls);
  }
  const result = { label, calls: each * SIZES.rounds, c: floor.bin ? median(rounds.c) : null, node: median(rounds.node), harness: median(rounds.harness), nodeCpu: median(rounds.cpu), rounds };
  log(`${label}: harness ${result.harness.toFixed(2)} ms/call, C floor ${result.c?.toFixed(2) ?? '-'}, Node spawn ${result.node.toFixed(2)}`);
  return result;
}

async function floorBothCores(floor, calls) {
  if (!floor.bin) return null;
  const args = [String(calls / 2), join(work, 'stdin.xml'), join(work, 'env.bin'), join(work, 'hooks-bash/network'), ...UPDATE_ARGV];
  const t0 = performance.now();
  await Promise.all([runCase('spawn-floor', args, { file: floor.bin }), runCase('spawn-floor', args, { file: floor.bin })]);
  return (performance.now() - t0) / calls;
}

async function bats(tools, calls) {
  if (tools.bats.skip) return { skip: tools.bats.skip };
  const hook = join(work, 'hooks-bash/network');
  const stdinFile = join(work, 'stdin.xml');
  const layouts = tools.parallel.skip ? ['serial'] : ['serial', 'jobs-files', 'jobs-tests'];
  const probe = writeBatsSuite(join(work, 'bats-probe'), { hook, stdinFile, files: 2, perFile: SIZES.batsProbe });
  const calibration = [];
  for (const layout of layouts) calibration.push(await runBats(tools.bats.bin, probe, layout));
  const best = calibration.reduce((a, b) => (a.ms / a.tests <= b.ms / b.tests ? a : b));
  log(`bats calibration (${SIZES.batsProbe * 2} tests): ${calibration.map((c) => `${c.layout} ${(c.ms / c.tests).toFixed(1)} ms/test`).join(', ')}`);
  const suite = writeBatsSuite(join(work, 'bats-suite'), { hook, stdinFile, files: calls / 20, perFile: 20 });
  const cpu0 = childrenCpuMs();
  const run = { ...(await runBats(tools.bats.bin, suite, best.layout)), cpuMs: childrenCpuMs() - cpu0 };
  if (run.failed > 0) throw new Error(`bats: ${run.failed} tests failed`);
  log(`bats ${run.layout}: ${run.tests} tests in ${(run.ms / 1000).toFixed(1)} s`);
  return { calibration, run };
}

/** Adds up two runs of the half suite in ABBA order, so that a change of machine load hits every mode alike. */
async function suiteRuns() {
  const { normalizeScenarioPoolOptions } = await import('../dist/pool/scenario-pool-options.js');
  const other = normalizeScenarioPoolOptions({}).pool === 'forks' ? 'threads' : 'forks';
  const modes = { inThread: ['1', 'default'], oneWorker: ['1-worker', 'default'], twoWorkers: ['2', 'default'], twoOther: ['2', other] };
  const order = Object.keys(modes);
  const totals = {};
  for (const name of [...order, ...[...order].reverse()]) {
    const run = await runCase('suite', [work, ...modes[name]]);
    if (run.failed > 0) throw new Error(`suite ${name}: ${run.failed} scenarios failed: ${run.firstFailure}`);
    const total = (totals[name] ??= { mode: modes[name].join(' '), calls: 0, ms: 0, cpuMs: 0, peakTreePss: 0, peakMainRss: 0, scenarios: 0 });
    for (const key of ['calls', 'ms', 'cpuMs', 'scenarios']) total[key] += run[key];
    total.peakTreePss = Math.max(total.peakTreePss, run.peakTreePss);
    total.peakMainRss = Math.max(total.peakMainRss, run.peakMainRss);
  }
  for (const [name, t] of Object.entries(totals)) log(`suite ${name} (${t.mode}): ${t.calls} calls in ${(t.ms / 1000).toFixed(2)} s, ${(t.ms / t.calls).toFixed(2)} ms/call`);
  return { ...totals, otherPool: other };
}

async function main() {
  // The suite runs twice per mode (see suiteRuns): half the scenarios each time.
  const workload = writeWorkload(work, { scenarios: SIZES.suite / 2 });
  const facts = machineFacts(workload.python);
  log(`machine: ${facts.cpu}, ${facts.cores} cores, load ${facts.loadAverage}`);
  const tools = { bats: ensureBats(toolsDir), parallel: ensureParallel(), floor: buildSpawnFloor(toolsDir, fileURLToPath(new URL('./lib/spawn-floor.c', import.meta.url))) };
  for (const [name, tool] of Object.entries(tools)) log(`${name}: ${tool.skip ?? tool.version ?? tool.compiler}`);

  const capture = await runCase('harness-calls', [workload.bashHooks, '1', '--capture', work]);
  const overheads = [await overhead('bash hook', workload.bashHooks, tools.floor, SIZES.bash)];
  if (workload.pythonHooks) overheads.push(await overhead('python hook', workload.pythonHooks, tools.floor, SIZES.python));
  const profileDir = join(work, 'profile');
  await runCase('harness-calls', [workload.bashHooks, String(SIZES.profile)], { execArgv: ['--cpu-prof', '--cpu-prof-dir', profileDir] });
  const profile = profileSummary(join(profileDir, readdirSync(profileDir)[0]), 12);

  const suiteCalls = SIZES.suite * 20;
  const suite = await suiteRuns();
  // Where a scenario's CPU goes, in this thread (workers would hide it from the profiler).
  const suiteProfileDir = join(work, 'suite-profile');
  await runCase('suite', [work, '1', 'default'], { execArgv: ['--cpu-prof', '--cpu-prof-dir', suiteProfileDir] });
  const suiteProfile = inclusiveSummary(join(suiteProfileDir, readdirSync(suiteProfileDir)[0]), 15);
  const floor2 = await floorBothCores(tools.floor, suiteCalls);
  const batsResult = await bats(tools, suiteCalls);

  const memory = await runCase('session-memory', [workload.bashHooks, String(SIZES.memory)]);
  log(`one session, ${memory.recorded} recorded calls: peak RSS ${(memory.peakMainRss / 1e6).toFixed(0)} MB`);
  writeScenarios(work, SIZES.poolMemory);
  const poolMemory = await runCase('suite', [work, '2', 'default']);
  log(`pool, ${poolMemory.calls} calls: peak RSS ${(poolMemory.peakMainRss / 1e6).toFixed(0)} MB main, PSS ${(poolMemory.peakTreePss / 1e6).toFixed(0)} MB all processes`);

  const { normalizeScenarioPoolOptions } = await import('../dist/pool/scenario-pool-options.js');
  const data = {
    defaultPool: normalizeScenarioPoolOptions({}).pool,
    quick: QUICK, command: 'npm run bench', date: new Date().toISOString(), seconds: (performance.now() - started) / 1000,
    facts: { ...facts, loadAtEnd: loadNow() }, tools, capture, overheads, profile, suiteProfile, suite, suiteCalls, floor2, bats: batsResult, memory, poolMemory,
  };
  const markdown = renderResults({ ...data, notes: explainResults(data) });
  if (!QUICK) writeFileSync(join(root, 'bench/RESULTS.md'), markdown);
  process.stdout.write(`\n${markdown.slice(markdown.indexOf('## Targets'), markdown.indexOf('\n## ', markdown.indexOf('## Targets') + 5))}\n`);
  log(QUICK ? 'quick run: RESULTS.md left as it was' : 'wrote bench/RESULTS.md');
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
