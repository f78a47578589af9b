import type { HookOutcome } from '../../model/hook-outcome.js';
import type { HookDriver, NetworkHookOp } from '../../model/hook-driver.js';
import type { NetworkDef } from '../../model/network-def.js';
import { formatHookData } from '../../xml/format-hook-data.js';
import { formatNetwork } from '../../xml/format-network.js';
import type { Effect, EffectAnswer } from '../effect.js';
import type { SimulatorState } from '../simulator-state.js';

/** virHookCall returns 1 when the driver has no hook: callers treat it as success. */
export const NO_HOOK: HookOutcome = { status: 'none', error: null, output: null };

export interface NetworkHookOptions {
  /** The def's count, `<network connections='N'>` when above 0 (virNetworkDefFormatBuf, live format). */
  readonly connections?: number;
  /** Formatted elements appended after `<network>` (the `<networkport>`). */
  readonly after?: readonly string[];
  /** Formatted elements put before `<network>` (the old era's guest `<interface>`). */
  readonly before?: readonly string[];
}

/** The hook cache of the daemon running the network driver (virtnetworkd in modular mode). */
export function networkHooksFound(state: SimulatorState): readonly HookDriver[] {
  return state.networkDaemon?.hooksFound ?? state.hooksFound;
}

/** networkRunHook: `<hookData>` around the def (live format), then virHookCall(NETWORK, name, op, ...). */
export function* runNetworkHook(
  state: SimulatorState,
  def: NetworkDef,
  op: NetworkHookOp,
  options: NetworkHookOptions = {},
): Generator<Effect, HookOutcome, EffectAnswer> {
  // virHookPresent: the cached bit from the last scan decides, not the filesystem now.
  if (!networkHooksFound(state).includes('network')) return NO_HOOK;
  const version = state.profile.version;
  const network = formatNetwork(def, options.connections === undefined ? { version } : { version, connections: options.connections });
  const stdin = formatHookData([...(options.before ?? []), network, ...(options.after ?? [])]);
  const outcome = yield {
    type: 'hook',
    call: { driver: 'network', object: def.name, op, subop: op === 'stopped' ? 'end' : 'begin', extra: '-', stdin, filter: false },
  };
  return outcome as HookOutcome;
}
