import type { HookDriver, HookOp, HookSubop } from './hook-driver.js';

/**
 * One virHookCall as data: what libvirt asks to run. Every script of the call (main, then
 * `<driver>.d/*`) gets these argv and, unless `filter`, these exact stdin bytes.
 */
export interface HookCall {
  readonly driver: HookDriver;
  /** argv[1]: network or domain name, `-` for the daemon hook. */
  readonly object: string;
  readonly op: HookOp;
  readonly subop: HookSubop;
  /** argv[4]: `-` when libvirt passes NULL. */
  readonly extra: string;
  /** The stdin bytes as a string; `null` means stdin is /dev/null (daemon hooks). */
  readonly stdin: string | null;
  /** Filter hooks (qemu migrate/restore, libxl migrate) chain stdout between `.d` scripts. */
  readonly filter: boolean;
}

/** argv[1..4] exactly as libvirt passes them. */
export function hookArgs(call: HookCall): [string, string, string, string] {
  return [call.object, call.op, call.subop, call.extra];
}
