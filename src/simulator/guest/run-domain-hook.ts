import type { DomainDef } from '../../model/domain-def.js';
import { domainDriverOf } from '../../model/domain-stage.js';
import type { HookOp } from '../../model/hook-driver.js';
import type { HookOutcome } from '../../model/hook-outcome.js';
import { formatDomain } from '../../xml/format-domain.js';
import { NO_HOOK } from '../network/run-network-hook.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';

/** The guest hook ops libvirt passes `end` for; every other guest op is `begin`. */
const END_OPS: ReadonlySet<HookOp> = new Set(['stopped', 'release']);

export interface DomainHookOptions {
  /** argv[4]: the release reason from 10.5, else `-`. @default '-' */
  readonly extra?: string;
  /** The stdin when it is not the def's own XML (the migrate/restore documents). */
  readonly stdin?: string;
  /** Filter hooks (migrate, restore) chain stdout between scripts. @default false */
  readonly filter?: boolean;
}

/**
 * virHookCall for a guest (qemu/lxc/libxl/bhyve, by the domain type): stdin is the domain XML as
 * virDomainDefFormat writes it at that stage; nothing runs when the driver had no hook at the
 * last scan (virHookPresent).
 */
export function* runDomainHook(state: SimulatorState, def: DomainDef, op: HookOp, options: DomainHookOptions = {}): Simulation<HookOutcome> {
  const driver = domainDriverOf(def);
  if (!state.hooksFound.includes(driver)) return NO_HOOK;
  const outcome = yield {
    type: 'hook',
    call: {
      driver, object: def.name, op, subop: END_OPS.has(op) ? 'end' : 'begin', extra: options.extra ?? '-',
      stdin: options.stdin ?? formatDomain(def), filter: options.filter ?? false,
    },
  };
  return outcome as HookOutcome;
}
