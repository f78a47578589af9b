import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;
const TICK_MS = 10; // USER_HZ is 100 on Linux.

function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { cutime: Number(fields[13]), cstime: Number(fields[14]) };
}

/** CPU (ms) of this process's reaped descendants: every hook, supervisor and worker once they exited. */
export function childrenCpuMs(pid = process.pid) {
  const s = stat(pid);
  return (s.cutime + s.cstime) * TICK_MS;
}

/** CPU (ms) of this process, all threads. */
export function selfCpuMs() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Memory of `root` plus every live descendant, read from /proc: summed RSS (counts pages shared
 * between processes, like node's own code, once per process) and summed PSS (shares them out).
 */
export function treeMemory(root = process.pid) {
  let rss = 0;
  let pss = 0;
  for (const pid of descendants(root, [root])) {
    try {
      rss += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
      pss += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // Gone while we looked.
    }
  }
  return { rss, pss };
}

/** `pid` and its descendants, through /proc/PID/task/TID/children (no walk over every process of the machine). */
function descendants(pid, found) {
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const tid of tasks) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(' ').filter(Boolean).map(Number)) {
      found.push(child);
      descendants(child, found);
    }
  }
  return found;
}

/** This process's peak RSS as the kernel counted it (VmHWM), in bytes. */
export function peakRss() {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Samples treeMemory every `everyMs` until stopped; returns the peaks and the PSS samples. */
export function sampleTreeMemory(everyMs = 100) {
  const first = treeMemory();
  let peakRss = first.rss;
  let peakPss = first.pss;
  const samples = [];
  const started = performance.now();
  const take = () => {
    const now = treeMemory();
    peakRss = Math.max(peakRss, now.rss);
    peakPss = Math.max(peakPss, now.pss);
    samples.push([Math.round(performance.now() - started), now.pss]);
  };
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakRss, peakPss, samples };
    },
  };
}
