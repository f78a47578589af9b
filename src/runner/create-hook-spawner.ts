import { realpathSync } from 'node:fs';
import { VirthookError } from '../errors/virthook-error.js';
import { DoublesSlot } from './doubles-slot.js';
import type { HookSpawner, IsolationMechanism, SpawnRequest, SpawnResult } from './hook-spawner.js';
import { resolvePython, spawnHook } from './spawn-hook.js';
import { spawnWithDoubles } from './spawn-with-doubles.js';
import { Supervisor, type SupervisorMechanism } from './supervisor.js';
import { SupervisorPool } from './supervisor-pool.js';
import { unparkSupervisor } from './supervisor-parking.js';

/** How to choose and size the spawn mechanism. */
export interface SpawnerSettings {
  readonly isolation: 'auto' | IsolationMechanism;
  readonly python: string;
  readonly concurrency: number;
}

/** The `process-group` mechanism: direct spawns, aborted together on dispose. */
function directSpawner(python: string): HookSpawner {
  const controller = new AbortController();
  const running = new Set<Promise<SpawnResult>>();
  // Command doubles: one slot per concurrent spawn, reused; the shims need a Python interpreter.
  const slots = new Set<DoublesSlot>();
  const free: DoublesSlot[] = [];
  let interpreter: Promise<string | null> | null = null;
  const withDoubles = async (request: SpawnRequest): Promise<SpawnResult> => {
    let slot = free.pop();
    if (slot === undefined) {
      const resolved = await (interpreter ??= resolvePython(python));
      if (resolved === null) {
        throw new VirthookError('OPTIONS_INVALID', `Failed to run hook ${request.path} with command doubles: they need Python 3 and ${python} does not run. Install python3 or set the python option.`);
      }
      slot = await DoublesSlot.create(realpathSync(resolved));
      slots.add(slot);
    }
    try {
      return await spawnWithDoubles(request, slot, {
        withoutNamespace: 'the process-group isolation has no mount namespace',
        prepareNamespace: async () => 'the process-group isolation has no mount namespace',
        spawn: (spawned) => spawnHook(spawned, controller.signal),
      });
    } finally {
      if (controller.signal.aborted) void slot.dispose();
      else free.push(slot);
    }
  };
  return {
    isolation: 'process-group',
    spawn(request: SpawnRequest): Promise<SpawnResult> {
      if (controller.signal.aborted) {
        return Promise.reject(new VirthookError('INTERNAL', `Failed to run hook ${request.path}: the runner was disposed.`));
      }
      const run = request.doubles === undefined ? spawnHook(request, controller.signal) : withDoubles(request);
      running.add(run);
      void run.finally(() => running.delete(run)).catch(() => {});
      return run;
    },
    async dispose(): Promise<void> {
      controller.abort();
      await Promise.allSettled([...running]);
      await Promise.all([...slots].map((slot) => slot.dispose()));
      slots.clear();
    },
  };
}

/** `python` option -> the interpreter it resolved to: a version-manager shim costs ~0.8 s per runner otherwise. */
const resolvedPython = new Map<string, string>();

/** A parked supervisor if there is one; else starts from the interpreter an earlier runner resolved, falling back to the option's value. */
async function startSupervisor(mechanism: SupervisorMechanism, python: string): Promise<Supervisor> {
  const known = resolvedPython.get(python);
  const warm = unparkSupervisor(mechanism, known ?? python);
  if (warm) return warm;
  const supervisor = known === undefined
    ? await Supervisor.start(mechanism, python)
    : await Supervisor.start(mechanism, known).catch(() => Supervisor.start(mechanism, python));
  resolvedPython.set(python, supervisor.python);
  return supervisor;
}

/**
 * Picks the strongest available mechanism (`auto`: pid-namespace, then subreaper, then
 * process-group) or the one asked for, and starts its first helper.
 * @throws VirthookError OPTIONS_INVALID when an explicitly requested mechanism is unavailable.
 */
export async function createHookSpawner(settings: SpawnerSettings): Promise<HookSpawner> {
  if (settings.isolation === 'process-group') return directSpawner(settings.python);
  const candidates: SupervisorMechanism[] = settings.isolation === 'auto' ? ['pid-namespace', 'subreaper'] : [settings.isolation];
  const reasons: string[] = [];
  for (const mechanism of candidates) {
    try {
      const first = await startSupervisor(mechanism, settings.python);
      return new SupervisorPool(mechanism, settings.concurrency, first);
    } catch (error) {
      reasons.push(`${mechanism}: ${(error as Error).message}`);
    }
  }
  if (settings.isolation === 'auto') return directSpawner(settings.python);
  throw new VirthookError(
    'OPTIONS_INVALID',
    `Failed to start hook isolation '${settings.isolation}': ${reasons.join('; ')}. Use isolation: 'auto' to fall back to a weaker mechanism.`,
  );
}
