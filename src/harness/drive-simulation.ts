import type { HookCall } from '../model/hook-call.js';
import type { HookFileChange, ReplayOrder } from '../simulator/command.js';
import type { ReplayGroup } from '../simulator/daemon/replay-order.js';
import type { HookDriver } from '../model/hook-driver.js';
import type { HookOutcome } from '../model/hook-outcome.js';
import type { Effect, EffectAnswer } from '../simulator/effect.js';
import type { Simulation } from '../simulator/simulation.js';
import type { StatusFileStore } from './status-volume.js';

/** Whatever answers the simulator's effects: the real runner, or a playback double in specs. */
export interface EffectHandler {
  hook(call: HookCall): Promise<HookOutcome>;
  scanHooks(): Promise<readonly HookDriver[]>;
  log?(message: string): void;
  /** Applies a change under the hooks directory; resolves to an error text, or null. */
  hookFile?(change: HookFileChange): Promise<string | null>;
  /**
   * The volume libvirt's files live in. Without one, writes are dropped and a daemon start finds
   * no files to read (the simulator then keeps what it had in memory).
   */
  files?: StatusFileStore;
  /** The port-created replay order of a network driver start; undefined (or no handler) keeps the seed's. */
  replayOrder?(groups: readonly ReplayGroup[], seeded: ReplayOrder): ReplayOrder | undefined;
}

/** Runs a simulation to its end, answering each effect in turn (libvirt waits for every hook). */
export async function driveSimulation<T>(simulation: Simulation<T>, handler: EffectHandler): Promise<T> {
  let answer: EffectAnswer;
  for (;;) {
    const step = simulation.next(answer);
    if (step.done) return step.value;
    answer = await answerEffect(step.value, handler);
  }
}

async function answerEffect(effect: Effect, handler: EffectHandler): Promise<EffectAnswer> {
  switch (effect.type) {
    case 'hook':
      return handler.hook(effect.call);
    case 'scan-hooks':
      return handler.scanHooks();
    case 'log':
      handler.log?.(effect.message);
      return undefined;
    case 'hook-file':
      return handler.hookFile ? handler.hookFile(effect.change) : 'this session has no hooks directory to change';
    case 'write-files':
      handler.files?.write(effect.files);
      return undefined;
    case 'remove-files':
      handler.files?.remove(effect.removals);
      return undefined;
    case 'load-files':
      return handler.files?.load(effect.dirs);
    case 'replay-order':
      return handler.replayOrder?.(effect.groups, effect.seeded);
  }
}
