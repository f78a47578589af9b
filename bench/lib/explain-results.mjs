import { evaluateTargets, floorScaling, floorVsBats } from './render-results.mjs';

const f2 = (v) => v.toFixed(2);

/** What the floor's own 1 -> 2 loop gain says about process creation on this machine. */
function spawnScaling(gain) {
  if (gain < 1.2) return 'on this machine process creation does not get faster with a second vCPU';
  if (gain < 1.6) return 'on this machine a second vCPU speeds process creation up only partly';
  return 'process creation scales with a second vCPU here';
}

/**
 * The "Why" section: how the pool kind was chosen, and for each missed target the measured
 * reason (CPU budget, load, what the profile shows), from this run's figures.
 */
export function explainResults(d) {
  const notes = [];
  const { inThread, oneWorker, twoWorkers, twoOther, otherPool } = d.suite;
  const per = (r) => f2(r.ms / r.calls);
  notes.push(`**Pool kind.** Default \`${d.defaultPool}\`. This run, 2 workers: ${d.defaultPool} ${per(twoWorkers)} ms/call, peak PSS ${(twoWorkers.peakTreePss / 1e6).toFixed(0)} MB `
    + `for all processes; ${otherPool} ${per(twoOther)} ms/call, ${(twoOther.peakTreePss / 1e6).toFixed(0)} MB. Per call both do the same work; forks cost a node process `
    + 'each (memory, start-up), threads share one. Forks are the default because a forked worker is contained completely: it runs in a process '
    + 'group of its own, so a crash takes its hook supervisors and hooks with it, and the pool checks the group is empty before it reports; '
    + 'a crashed thread leaves its supervisors to notice their closed pipe, and their zombies to the main process.');
  const load = Number(d.facts.loadAverage.split(' ')[0]);
  // Only the start counts: by the end the load average mostly shows the benchmark's own workers.
  if (load > d.facts.cores * 0.75) {
    notes.push(`**Machine load.** The 1-minute load average was ${d.facts.loadAverage.split(' ')[0]} at the start on ${d.facts.cores} cores, before anything ran: `
      + 'other work competed for the CPU, which inflates every figure, and the harness more than a bare spawn loop (it needs three processes '
      + 'scheduled per call: node, the supervisor and the hook, against one for the floor). Rounds are interleaved so that both sides see the same load.');
  }
  for (const target of evaluateTargets(d).filter((t) => t.ok === false)) {
    if (target.name.startsWith('harness cost')) {
      const bash = d.overheads[0];
      const top = d.profile.files.filter((r) => !r.name.startsWith('((idle')).slice(0, 4).map((r) => `${r.name} ${(r.share * 100).toFixed(1)}%`).join(', ');
      notes.push(`**Per-call overhead.** virthook took ${f2(bash.harness)} ms per call against ${f2(bash.c ?? bash.node)} ms for the floor: `
        + `${f2(bash.harness - (bash.c ?? bash.node))} ms more, of which node spent ${f2(bash.nodeCpu)} ms of CPU per call (simulating libvirt: rendering the network XML, `
        + `applying the update, checking the outcome) and the rest is waiting: the round trip to the hook supervisor and, with the CPU shared, three processes `
        + `to schedule per call instead of one. Busiest entries in the profile: ${top}.`);
    } else if (target.name.startsWith('throughput')) {
      const floor = floorScaling(d);
      const scaling = oneWorker.ms / twoWorkers.ms;
      notes.push('**Scaling.** '
        + (floor === null ? '' : `A second loop added ${f2(floor)}x to the bare C spawn loop's throughput: ${spawnScaling(floor)}, `
          + 'and every hook call is one (fork, exec, the dynamic loader, bash starting). ')
        + `virthook went from ${per(oneWorker)} ms/call with one worker (${f2(oneWorker.cpuMs / oneWorker.calls)} ms of CPU per call across all processes) `
        + `to ${per(twoWorkers)} with two (${f2(twoWorkers.cpuMs / twoWorkers.calls)} ms of CPU per call): ${f2(scaling)}x`
        + (floor === null ? '.' : `, ${f2((scaling / floor) * 100)}% of what the floor itself gained.`)
        + ' The CPU per call rises when two run at once, for the floor as for virthook: the calls wait on each other inside the kernel and the '
        + 'hypervisor rather than on virthook. On two real cores with independent process creation (the issue measured the floor at 2.19 -> 1.09 ms), '
        + 'the bound is cores x wall / CPU per call.');
    } else if (target.name.includes('bats')) {
      const best = [inThread, oneWorker, twoWorkers].reduce((a, b) => (a.ms / a.calls <= b.ms / b.calls ? a : b));
      const batsPerTest = d.bats.run.ms / d.bats.run.tests;
      const floor = floorVsBats(d);
      notes.push(`**Against bats.** bats-core spent ${f2(batsPerTest)} ms per test (${d.bats.run.layout}, its fastest layout here); virthook ${per(twoWorkers)} ms per call with `
        + `two workers and ${per(best)} in its fastest mode here (${f2(batsPerTest / (best.ms / best.calls))}x). `
        + (floor === null ? '' : `The bare C spawn loop, two at once, checks a call in ${f2(d.floor2)} ms: ${floor < 8 ? 'only ' : ''}${f2(floor)}x faster than bats on this machine `
          + `(the issue measured 13x elsewhere): bats' cost here is process creation, the same thing the floor is made of (${spawnScaling(floorScaling(d) ?? 1)}; see Scaling). `
          + `8x would need virthook within ${f2(floor / 8 * 100)}% of the floor's time. `)
        + 'What virthook adds over the floor per call is in the per-call row above; per scenario it loads the file (YAML, schema, XML) and defines and '
        + 'starts the network (see the scenario-path profile).');
    } else if (target.name.startsWith('peak RSS')) {
      const cp = d.memory.checkpoints;
      const heap = (cp.at(-1).heapUsed - cp[0].heapUsed) / (cp.at(-1).calls - cp[0].calls);
      const buffers = (cp.at(-1).arrayBuffers - cp[0].arrayBuffers) / (cp.at(-1).calls - cp[0].calls);
      notes.push(`**Memory.** One session keeps every call twice, by contract: its SessionStep (\`session.steps\`: the HookCall and each script run's `
        + `stdin, stdout and stderr Buffers) and its recorded invocation (\`session.recording\`, strings). Per call this run added ${(heap / 1000).toFixed(1)} kB of heap `
        + `and ${(buffers / 1000).toFixed(1)} kB of Buffers (the ~2 kB stdin as a Buffer is most of it) on a base of ~${(cp[0].rss / 1e6 - (cp[0].calls * (heap + buffers)) / 1e6).toFixed(0)} MB `
        + '(node, virthook\'s modules, the young generation). This issue halved the per-call cost (stdin Buffers no longer pin slabs of Buffer\'s shared pool; '
        + 'the recording shares the call\'s stdin string), but a session holding 10,000 calls still grows with them. Scenario runs do not accumulate: each '
        + 'drops its session when done, a worker stays flat, and the caller keeps only the recordings it asked for.');
    }
  }
  return notes.join('\n\n');
}
