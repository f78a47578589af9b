import { VirthookError } from '../errors/virthook-error.js';
import type { HookSpawner, IsolationMechanism, SpawnRequest, SpawnResult } from './hook-spawner.js';
import { spawnHook } from './spawn-hook.js';
import { Supervisor, type SupervisorMechanism } from './supervisor.js';
import { SupervisorPool } from './supervisor-pool.js';

/** How to choose and size the spawn mechanism. */
export interface SpawnerSettings {
  readonly isolation: 'auto' | IsolationMechanism;
  readonly python: string;
  readonly concurrency: number;
}

/** The `process-group` mechanism: direct spawns, aborted together on dispose. */
function directSpawner(): HookSpawner {
  const controller = new AbortController();
  const running = new Set<Promise<SpawnResult>>();
  return {
    isolation: 'process-group',
    spawn(request: SpawnRequest): Promise<SpawnResult> {
      if (controller.signal.aborted) {
        return Promise.reject(new VirthookError('INTERNAL', `Failed to run hook ${request.path}: the runner was disposed.`));
      }
      const run = spawnHook(request, controller.signal);
      running.add(run);
      void run.finally(() => running.delete(run)).catch(() => {});
      return run;
    },
    async dispose(): Promise<void> {
      controller.abort();
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * Picks the strongest available mechanism (`auto`: pid-namespace, then subreaper, then
 * process-group) or the one asked for, and starts its first helper.
 * @throws VirthookError OPTIONS_INVALID when an explicitly requested mechanism is unavailable.
 */
export async function createHookSpawner(settings: SpawnerSettings): Promise<HookSpawner> {
  if (settings.isolation === 'process-group') return directSpawner();
  const candidates: SupervisorMechanism[] = settings.isolation === 'auto' ? ['pid-namespace', 'subreaper'] : [settings.isolation];
  const reasons: string[] = [];
  for (const mechanism of candidates) {
    try {
      const first = await Supervisor.start(mechanism, settings.python);
      return new SupervisorPool(mechanism, settings.concurrency, first);
    } catch (error) {
      reasons.push(`${mechanism}: ${(error as Error).message}`);
    }
  }
  if (settings.isolation === 'auto') return directSpawner();
  throw new VirthookError(
    'OPTIONS_INVALID',
    `Failed to start hook isolation '${settings.isolation}': ${reasons.join('; ')}. Use isolation: 'auto' to fall back to a weaker mechanism.`,
  );
}
