import type { HookCall } from '../model/hook-call.js';
import type { HookFileChange, ReplayOrder } from './command.js';
import type { ReplayGroup } from './daemon/replay-order.js';
import type { HookDriver } from '../model/hook-driver.js';
import type { HookOutcome } from '../model/hook-outcome.js';
import type { FileRemoval, FileWrite, StatusFiles } from '../status/status-files.js';

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
  | { readonly type: 'log'; readonly message: string }
  /** Change a file under the hooks directory; answered with an error text, or null when done. */
  | { readonly type: 'hook-file'; readonly change: HookFileChange }
  /** libvirt saves status/config files or makes autostart links (virFileRewrite, symlink); answered with nothing. */
  | { readonly type: 'write-files'; readonly files: readonly FileWrite[] }
  /** libvirt unlinks status/config files (missing ones are fine); answered with nothing. */
  | { readonly type: 'remove-files'; readonly removals: readonly FileRemoval[] }
  /**
   * A driver starts and reads its directories (virNetworkObjLoadAllState, virDomainObjListLoadAllConfigs
   * ...); answered with every file under `dirs`, or undefined when no volume is attached (the
   * daemon then keeps what the simulator had in memory).
   */
  | { readonly type: 'load-files'; readonly dirs: readonly string[] }
  /**
   * networkStateInitialize is about to replay ports in hash order, which libvirt leaves undefined
   * and the step did not fix: answered with the order to use, or undefined for `seeded` (the seed's).
   */
  | { readonly type: 'replay-order'; readonly groups: readonly ReplayGroup[]; readonly seeded: ReplayOrder };

export type EffectAnswer = HookOutcome | readonly HookDriver[] | StatusFiles | ReplayOrder | string | null | undefined;
