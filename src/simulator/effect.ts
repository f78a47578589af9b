import type { HookCall } from '../model/hook-call.js';
import type { HookDriver } from '../model/hook-driver.js';
import type { HookOutcome } from '../model/hook-outcome.js';

/**
 * What the pure simulator asks of the outside world. The harness answers each effect and feeds the
 * answer back as the generator's next value; the simulator never spawns or reads files itself.
 */
export type Effect =
  /** Run one virHookCall (main script then `<driver>.d/*`); answered with a HookOutcome. */
  | { readonly type: 'hook'; readonly call: HookCall }
  /** virHookInitialize/rescan: which drivers have a hook now; answered with HookDriver[]. */
  | { readonly type: 'scan-hooks' }
  /** A fact worth showing in the timeline (libvirt would log it); answered with nothing. */
  | { readonly type: 'log'; readonly message: string };

export type EffectAnswer = HookOutcome | readonly HookDriver[] | undefined;
