const MB = 1e6;
const ms = (v, digits = 2) => (v === null || v === undefined ? '-' : v.toFixed(digits));
const mb = (bytes) => (bytes / MB).toFixed(0);
const x = (v) => (v === null || v === undefined ? '-' : `${v.toFixed(2)}x`);
const yes = (ok) => (ok === null ? 'n/a' : ok ? '**met**' : '**missed**');

/** What a second spawn loop added to the C floor's throughput, or null without a compiler. */
export function floorScaling(d) {
  const one = d.overheads[0].c;
  return one === null || d.floor2 === null ? null : one / d.floor2;
}

/** How much faster than bats the bare C floor (2 loops) checks the same calls: the best any harness can do here. */
export function floorVsBats(d) {
  return d.bats.run && d.floor2 !== null ? d.bats.run.ms / d.bats.run.tests / d.floor2 : null;
}

/** Every target of issue 8 with its measured figure, from one run's data. */
export function evaluateTargets(d) {
  const bash = d.overheads[0];
  const pool = d.suite.twoWorkers;
  const floorName = bash.c !== null ? 'C posix_spawn' : 'Node child_process';
  const overhead = bash.harness / (bash.c ?? bash.node);
  const scaling = d.suite.oneWorker.ms / pool.ms;
  const vsBats = d.bats.run ? d.bats.run.ms / d.bats.run.tests / (pool.ms / pool.calls) : null;
  const cp = d.memory.checkpoints;
  const growth = cp.length > 1 ? (cp.at(-1).rss - cp[0].rss) / (cp.at(-1).calls - cp[0].calls) : 0;
  return [
    { name: `harness cost per call (bash hook) vs the ${floorName} floor`, measured: x(overhead), goal: '<= 1.5x', ok: overhead <= 1.5 },
    { name: `throughput, 1 -> 2 workers (${d.defaultPool})`, measured: `${x(scaling)}${floorScaling(d) === null ? '' : ` (the C floor itself: ${x(floorScaling(d))})`}`, goal: '>= 1.6x', ok: scaling >= 1.6 },
    { name: `${d.suiteCalls}-call suite vs bats-core (${d.bats.run?.layout ?? 'skipped'}), both on all cores`, measured: vsBats === null ? d.bats.skip : `${vsBats.toFixed(1)}x faster${floorVsBats(d) === null ? '' : ` (the C floor itself: ${floorVsBats(d).toFixed(1)}x)`}`, goal: '>= 8x', ok: vsBats === null ? null : vsBats >= 8 },
    { name: `peak RSS, ${d.memory.recorded} calls recorded in one session`, measured: `${mb(d.memory.peakMainRss)} MB (+${(growth / 1000).toFixed(1)} kB per call)`, goal: '< 150 MB', ok: d.memory.peakMainRss < 150 * MB },
  ];
}

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** RESULTS.md from one run's data (see run.mjs). */
export function renderResults(d) {
  const targets = evaluateTargets(d);
  const f = d.facts;
  const suiteRows = [
    ['virthook, jobs 1 (in this thread)', d.suite.inThread],
    [`virthook, 1 worker (${d.defaultPool})`, d.suite.oneWorker],
    [`virthook, 2 workers (${d.defaultPool}, the default)`, d.suite.twoWorkers],
    [`virthook, 2 workers (${d.suite.otherPool})`, d.suite.twoOther],
  ].map(([name, r]) => [name, ms(r.ms / 1000), ms(r.ms / r.calls), ms(r.cpuMs / r.calls), mb(r.peakTreePss)]);
  if (d.floor2 !== null) suiteRows.push(['C posix_spawn floor, 2 loops', ms((d.floor2 * d.suiteCalls) / 1000), ms(d.floor2), '-', '-']);
  if (d.bats.run) suiteRows.push([`bats-core ${d.tools.bats.version.replace(/^Bats /, '')}, files of 20, ${d.bats.run.layout}`, ms(d.bats.run.ms / 1000), ms(d.bats.run.ms / d.bats.run.tests), '-', '-']);
  const missed = targets.filter((t) => t.ok === false).map((t) => t.name);
  return `# Benchmark results

Produced by \`${d.command}\` (\`npm run build && node bench/run.mjs\`) on ${d.date} in ${d.seconds.toFixed(0)} s. Every ratio below
comes from this one run. Re-run it to refresh this file; \`npm run bench -- --quick\` is a smoke test that leaves it alone.

## Machine

${table(['fact', 'value'], [
    ['CPU', `${f.cpu}, ${f.cores} cores, ${f.memoryGiB} GiB`], ['kernel', f.kernel], ['node', f.node], ['python', f.python], ['bash', f.bash],
    ['root', String(f.root)], ['hook isolation', d.capture.isolation ?? 'unknown'],
    ['C compiler', d.tools.floor.compiler ?? d.tools.floor.skip], ['bats-core', d.tools.bats.version ?? d.tools.bats.skip],
    ['GNU parallel', d.tools.parallel.version ?? d.tools.parallel.skip],
    ['load average (1, 5, 15 min) at start', f.loadAverage], ['1-min load at end', f.loadAtEnd],
  ])}

Hook stdin: ${d.capture.stdinBytes} bytes (the live network XML of a \`net-update --live\`), argv \`${d.capture.argv.join(' ')}\`;
the floor and bats runs give the hook the same bytes, argv and environment.

## Targets

${table(['target', 'measured', 'goal', ''], targets.map((t) => [t.name, t.measured, t.goal, yes(t.ok)]))}

${missed.length === 0 ? 'Every target was met in this run.' : `Missed in this run: ${missed.join('; ')}. See "Why" below.`}

## Per-invocation overhead

A session runs \`virsh net-update --live\` N times (one network hook call each, simulator included), against a plain spawn
loop of the same hook with the same stdin. Medians of ${d.overheads[0].rounds.harness.length} interleaved rounds, ms per call.

${table(['hook', 'calls', 'C posix_spawn', 'Node spawn', 'virthook', 'virthook / C', 'virthook node CPU'], d.overheads.map((o) => [
    o.label, String(o.calls), ms(o.c), ms(o.node), ms(o.harness), o.c === null ? '-' : x(o.harness / o.c), ms(o.nodeCpu),
  ]))}

## Suite: ${d.suiteCalls} invocations

${d.suite.inThread.scenarios} scenario runs of 20 hook calls each (the half suite twice per runner, in ABBA order) (net-start, 17 net-update, net-destroy), every call's exit
status checked, against ${d.suiteCalls} bats tests in files of 20 (\`run "$HOOK" ... < stdin; [ "$status" -eq 0 ]\`).

${table(['runner', 'wall s', 'ms per call', 'CPU ms per call (all processes)', 'peak PSS MB (all processes)'], suiteRows)}

${d.bats.calibration ? `bats layouts, timed on ${d.bats.calibration[0].tests} tests first (the fastest one ran the suite):
${table(['layout', 'ms per test'], d.bats.calibration.map((c) => [c.layout, ms(c.ms / c.tests, 1)]))}` : `bats-core: ${d.bats.skip}`}

## Scaling

Throughput of 2 workers over 1 worker (${d.defaultPool}): ${x(d.suite.oneWorker.ms / d.suite.twoWorkers.ms)}; over jobs 1 in the calling
thread: ${x(d.suite.inThread.ms / d.suite.twoWorkers.ms)}. Both keep their hook supervisor from one scenario to the next.

What a second core adds to the bare C spawn loop on this machine, measured in the same run: ${floorScaling(d) === null ? 'no C compiler, not measured' : `${ms(d.overheads[0].c)} ms per call
with one loop, ${ms(d.floor2)} with two at once: ${x(floorScaling(d))}`}. Where process creation itself does not scale, no pool of hook
runners can: a hook call is mostly a fork and an exec.

## Memory

One session recording ${d.memory.recorded} calls. The Session keeps its newest 256 invocations and steps in memory and appends older ones
to an unlinked temp file (\`RecordingSpool\`), so its memory does not grow with the number of calls:

${table(['calls so far', 'RSS MB', 'heap used MB', 'array buffers MB'], d.memory.checkpoints.map((c) => [String(c.calls), mb(c.rss), mb(c.heapUsed), mb(c.arrayBuffers)]))}

Peak RSS ${mb(d.memory.peakMainRss)} MB while calling. Reading all ${d.memory.readBack?.invocations ?? '-'} invocations back afterwards (\`session.recording\`)
took ${ms(d.memory.readBack?.ms, 0)} ms and brought the peak to ${d.memory.readBack ? mb(d.memory.readBack.peakMainRss) : '-'} MB. Through the pool (${d.poolMemory.scenarios} scenarios, ${d.poolMemory.calls} calls, 2 workers,
${d.defaultPool}): peak RSS ${mb(d.poolMemory.peakMainRss)} MB in the main process, peak PSS ${mb(d.poolMemory.peakTreePss)} MB for all processes
together (workers and hook supervisors included; PSS counts the pages they share once); each scenario's session is dropped when its result is sent back, so a worker does not
grow with the number of scenarios, while the results (with their recordings) are returned to the caller.

## Profile of the per-call path

\`node --cpu-prof\` of the bash-hook loop (${d.profile.totalMs.toFixed(0)} ms sampled), self time:

${table(['function', 'ms', 'share'], d.profile.functions.map((r) => [`\`${r.name}\``, ms(r.ms, 0), `${(r.share * 100).toFixed(1)}%`]))}

${table(['file', 'ms', 'share'], d.profile.files.map((r) => [`\`${r.name}\``, ms(r.ms, 0), `${(r.share * 100).toFixed(1)}%`]))}

## Profile of the scenario path

\`node --cpu-prof\` of the half suite with jobs 1 (${d.suiteCalls / 2} calls, ${d.suiteProfile.busyMs.toFixed(0)} ms of CPU on node's main thread,
start-up included): virthook's functions with everything they call (nested rows overlap). The hook supervisor (\`launchProcess\`)
starts once and serves every scenario of the run, in this thread as in a pool worker.

${table(['function (inclusive)', 'ms', 'share of busy'], d.suiteProfile.rows.map((r) => [`\`${r.name}\``, ms(r.ms, 0), `${(r.share * 100).toFixed(1)}%`]))}
${d.notes ? `\n## Why\n\n${d.notes}\n` : ''}`;
}
