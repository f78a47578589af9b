import type { DomainCommand } from '../command.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { failed, succeeded } from '../step-result.js';
import { attachInterface } from './attach-interface.js';
import { defineDomain, undefineDomain } from './define-domain.js';
import { detachInterface } from './detach-interface.js';
import { migrateIn } from './migrate-in.js';
import { restoreDomain, saveDomain } from './save-restore.js';
import { startGuest } from './start-guest.js';
import { stopGuest } from './stop-guest.js';

/** VIR_ERR_NO_DOMAIN as the qemu driver words it. */
const noDomain = (name: string) => `Domain not found: no domain with matching name '${name}'`;

/** Guest commands with virsh's texts (`Domain 'X' started`, `error: Failed to start domain 'X'` ...). */
export function* simulateGuest(state: SimulatorState, command: DomainCommand): Simulation {
  switch (command.verb) {
    case 'define': {
      const outcome = defineDomain(state, command.def);
      if (outcome.error !== null) return { state, result: failed(`Failed to define domain from ${command.file}`, outcome.error) };
      return { state: outcome.state, result: succeeded(`Domain '${outcome.def.name}' defined from ${command.file}`) };
    }
    case 'restore':
      return yield* restoreDomain(state, command);
    case 'migrate-in':
      return yield* migrateIn(state, command);
    default:
      break;
  }
  const name = command.domain;
  const obj = state.domains[name];
  // virshCommandOptDomain: an unknown name fails before any API call.
  if (!obj) return { state, result: failed(`failed to get domain '${name}'`, noDomain(name)) };
  const notRunning = libvirtErrors.operationInvalid('domain is not running');
  switch (command.verb) {
    case 'undefine': {
      const outcome = undefineDomain(state, name);
      if (outcome.error !== null) return { state, result: failed(`Failed to undefine domain '${name}'`, outcome.error) };
      return { state: outcome.state, result: succeeded(`Domain '${name}' has been undefined`) };
    }
    case 'start': {
      // cmdStart checks the id itself and prints only its own line.
      if (obj.live) return { state, result: { ok: false, output: '', error: 'error: Domain is already active', vetoed: false } };
      const started = yield* startGuest(state, obj.config!);
      if (started.error !== null) return { state: started.state, result: failed(`Failed to start domain '${name}'`, started.error, started.vetoed) };
      return { state: started.state, result: succeeded(`Domain '${name}' started`) };
    }
    case 'destroy':
      if (!obj.live) return { state, result: failed(`Failed to destroy domain '${name}'`, notRunning) };
      return { state: yield* stopGuest(state, obj.live, 'destroyed'), result: succeeded(`Domain '${name}' destroyed`) };
    case 'shutdown':
      if (!obj.live) return { state, result: failed(`Failed to shutdown domain '${name}'`, notRunning) };
      return { state: yield* stopGuest(state, obj.live, 'shutdown'), result: succeeded(`Domain '${name}' is being shutdown`) };
    case 'attach-interface':
      return yield* attachInterface(state, command);
    case 'detach-interface':
      return yield* detachInterface(state, command);
    case 'save':
      return yield* saveDomain(state, command);
  }
}
