import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import type { WorkerKind } from '../../src/pool/worker-handle.js';
import { WorkerPool } from '../../src/pool/worker-pool.js';
import { survivors } from '../support/survivors.js';

const SCRIPTED = new URL('./support/scripted-worker.mjs', import.meta.url);
const BROKEN = new URL('./support/broken-worker.mjs', import.meta.url);

/** Processes anywhere whose command line starts with `argv0` (read from /proc). */
function processesNamed(argv0: string): string[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(`${argv0}\0`) ? [pid] : [];
    } catch {
      return [];
    }
  });
}

async function withPool(kind: WorkerKind, size: number, body: (pool: WorkerPool) => Promise<void>, entry = SCRIPTED): Promise<void> {
  const pool = new WorkerPool({ size, kind, entry, stopGraceMs: 500 });
  try {
    await body(pool);
  } finally {
    await pool.dispose();
  }
  expect(survivors()).toEqual([]);
}

describe.each<WorkerKind>(['forks', 'threads'])('WorkerPool (%s)', (kind) => {
  it('answers every task with its own reply, on no more workers than its size', async () => {
    await withPool(kind, 2, async (pool) => {
      const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.run({ reply: i })));
      expect(outcomes.map((o) => (o.crashed ? 'crashed' : (o.outcome as { reply: number }).reply))).toEqual([0, 1, 2, 3, 4, 5]);
      const workers = new Set(outcomes.map((o) => (o.crashed ? '' : (o.outcome as { worker: string }).worker)));
      expect(workers.size).toBeLessThanOrEqual(2);
    });
  });

  it('reports a worker that exits mid-task as that task crashing, and replaces it for the next', async () => {
    await withPool(kind, 1, async (pool) => {
      const [before, crashed, after] = await Promise.all([pool.run({ reply: 'a' }), pool.run({ reply: 'b', crash: 'exit' }), pool.run({ reply: 'c' })]);
      expect(crashed).toEqual({ crashed: true, reason: expect.stringContaining('exited with code 7') });
      expect(before).toMatchObject({ crashed: false, outcome: { reply: 'a' } });
      expect(after).toMatchObject({ crashed: false, outcome: { reply: 'c' } });
      expect((after as { outcome: { worker: string } }).outcome.worker).not.toBe((before as { outcome: { worker: string } }).outcome.worker);
    });
  });

  it('reports an uncaught exception in a worker with its message', async () => {
    await withPool(kind, 2, async (pool) => {
      const outcome = await pool.run({ reply: 'boom', crash: 'throw' });
      expect(outcome).toEqual({ crashed: true, reason: expect.stringContaining('scripted crash boom') });
      expect(await pool.run({ reply: 'still here' })).toMatchObject({ crashed: false, outcome: { reply: 'still here' } });
    });
  });

  it('fails waiting tasks with INTERNAL when a worker cannot even load, instead of respawning it forever', async () => {
    await withPool(kind, 2, async (pool) => {
      const error = await pool.run({ reply: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VirthookError);
      expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('broken worker module') });
    }, BROKEN);
  });

  it('rejects unfinished tasks on dispose and kills a worker that ignores the stop request', async () => {
    const pool = new WorkerPool({ size: 1, kind, entry: SCRIPTED, stopGraceMs: 200 });
    await pool.run({ reply: 'x', ignoreStop: true });
    const queued = pool.run({ reply: 'y' }).catch((e: unknown) => e);
    await pool.dispose();
    expect(await queued).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('disposed') });
    await expect(pool.run({ reply: 'z' })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(survivors()).toEqual([]);
  });
});

describe('WorkerPool (forks) process groups', () => {
  it('kills what a crashed worker started (its process group) before reporting the crash', async () => {
    const name = `virthook-pool-spec-${process.pid}-child`;
    await withPool('forks', 1, async (pool) => {
      await pool.run({ reply: 'start', child: name });
      expect(processesNamed(name)).toHaveLength(1);
      expect(await pool.run({ reply: 'die', crash: 'exit' })).toMatchObject({ crashed: true });
      expect(processesNamed(name)).toEqual([]);
    });
  });

  it('kills the group of a worker that ignores stop, leaving nothing anywhere', async () => {
    const name = `virthook-pool-spec-${process.pid}-stubborn`;
    const pool = new WorkerPool({ size: 1, kind: 'forks', entry: SCRIPTED, stopGraceMs: 200 });
    await pool.run({ reply: 'x', child: name, ignoreStop: true });
    await pool.dispose();
    expect(processesNamed(name)).toEqual([]);
    expect(survivors()).toEqual([]);
  });
});
