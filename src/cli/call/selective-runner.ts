import type { HookCall } from '../../model/hook-call.js';
import type { HookRunner } from '../../runner/create-runner.js';
import type { CallResult } from '../../runner/run-hook-call.js';

/** A runner that spawns only the hook call under study; every other call answers as if no hook existed. */
export interface SelectiveRunner extends HookRunner {
  /** From now on, network calls with the op under study run for real. */
  arm(): void;
  /** The calls that ran for real, in order. */
  readonly ran: readonly (CallResult & { readonly call: HookCall })[];
}

/**
 * Wraps the real runner for `virthook call`: the preparation (define, start...) needs the
 * simulator to make its calls, but only the one being studied may run the user's scripts.
 * Skipped calls return status `none` (virHookCall's "no hook"), which libvirt treats as success.
 */
export function selectiveRunner(real: HookRunner, op: string): SelectiveRunner {
  let armed = false;
  const ran: (CallResult & { call: HookCall })[] = [];
  return {
    settings: real.settings,
    ran,
    arm: () => {
      armed = true;
    },
    async run(call) {
      if (!armed || call.driver !== 'network' || call.op !== op) {
        return { status: 'none', error: null, output: null, scripts: [], isolation: 'process-group' };
      }
      const result = await real.run(call);
      ran.push({ ...result, call });
      return result;
    },
    scan: () => real.scan(),
    isolation: () => real.isolation(),
    dispose: () => real.dispose(),
  };
}
