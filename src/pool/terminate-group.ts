import { kill } from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { readProcesses } from '../runner/process-table.js';

const POLL_MS = 10;
/** After SIGKILL, how long to wait for the group to empty (init reaps orphans) before giving up. */
const KILL_WAIT_MS = 1_000;

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Zombies count for kill(-pgid, 0) until init reaps them (slowly here): look for live members then. */
function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0) && readProcesses().some((p) => p.pgrp === pgid);
}

async function emptied(pgid: number, withinMs: number): Promise<boolean> {
  const deadline = performance.now() + withinMs;
  while (groupAlive(pgid)) {
    if (performance.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/**
 * Ends every process left in a worker's process group: SIGTERM, SIGKILL after `graceMs`. The hook
 * supervisors keep process groups of their own (a hook's kill(0) must not reach virthook) and end
 * with the group all the same: unshare --kill-child, or PR_SET_PDEATHSIG once the worker is gone;
 * they kill their hooks on the way. Resolves once the group is empty.
 */
export async function terminateGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM') || !groupAlive(pgid)) return;
  if (await emptied(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await emptied(pgid, KILL_WAIT_MS);
}
