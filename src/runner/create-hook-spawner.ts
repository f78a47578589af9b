import { realpathSync } from 'node:fs';
import { VirthookError } from '../errors/virthook-error.js';
import { DoublesSlot } from './doubles-slot.js';
import type { HookSpawner, IsolationMechanism, SpawnRequest, SpawnResult } from './hook-spawner.js';
import { resolvePython, spawnHook } from './spawn-hook.js';
import { spawnWithDoubles } from './spawn-with-doubles.js';
import { describeLaunch, Supervisor, type SupervisorLaunch } from './supervisor.js';
import { SupervisorPool } from './supervisor-pool.js';
import { unparkSupervisor } from './supervisor-parking.js';

/** How to choose and size the spawn mechanism. */
export interface SpawnerSettings {
  readonly isolation: 'auto' | IsolationMechanism;
  readonly python: string;
  readonly concurrency: number;
}

/** The `process-group` mechanism: direct spawns, aborted together on dispose. */
function directSpawner(python: string, withoutNamespace: string): HookSpawner {
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
        withoutNamespace,
        prepareNamespace: async () => withoutNamespace,
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
async function startSupervisor(launch: SupervisorLaunch, python: string): Promise<Supervisor> {
  const known = resolvedPython.get(python);
  const warm = unparkSupervisor(launch, known ?? python);
  if (warm) return warm;
  const supervisor = known === undefined
    ? await Supervisor.start(launch, python)
    : await Supervisor.start(launch, known).catch(() => Supervisor.start(launch, python));
  resolvedPython.set(python, supervisor.python);
  return supervisor;
}

const PID_NAMESPACE: readonly SupervisorLaunch[] = [
  { mechanism: 'pid-namespace', userNamespace: false },
  // Not root (or no CAP_SYS_ADMIN): the same namespaces inside a user namespace, where allowed.
  { mechanism: 'pid-namespace', userNamespace: true },
];
const SUBREAPER: SupervisorLaunch = { mechanism: 'subreaper', userNamespace: false };

/** Why the chosen mechanism has no mount namespace: the PATH fallback's notice says it. */
function withoutNamespace(isolation: SpawnerSettings['isolation'], failures: readonly string[]): string {
  if (isolation !== 'auto') return `isolation '${isolation}' was chosen, and it has no mount namespace`;
  return `no private mount namespace could be created (${failures.join('; ')})`;
}

/**
 * Picks the strongest available mechanism (`auto`: pid-namespace as root, then pid-namespace in a
 * user namespace, then subreaper, then process-group) or the one asked for, and starts its first
 * helper.
 * @throws VirthookError OPTIONS_INVALID when an explicitly requested mechanism is unavailable.
 */
export async function createHookSpawner(settings: SpawnerSettings): Promise<HookSpawner> {
  if (settings.isolation === 'process-group') return directSpawner(settings.python, withoutNamespace('process-group', []));
  const candidates = settings.isolation === 'auto' ? [...PID_NAMESPACE, SUBREAPER] : settings.isolation === 'pid-namespace' ? PID_NAMESPACE : [SUBREAPER];
  const reasons: string[] = [];
  for (const launch of candidates) {
    try {
      const first = await startSupervisor(launch, settings.python);
      return new SupervisorPool(settings.concurrency, first, withoutNamespace(settings.isolation, reasons));
    } catch (error) {
      reasons.push(`${describeLaunch(launch)}: ${(error as Error).message}`);
    }
  }
  if (settings.isolation === 'auto') return directSpawner(settings.python, withoutNamespace('auto', reasons));
  throw new VirthookError(
    'OPTIONS_INVALID',
    `Failed to start hook isolation '${settings.isolation}': ${reasons.join('; ')}. Use isolation: 'auto' to fall back to a weaker mechanism.`,
  );
}
