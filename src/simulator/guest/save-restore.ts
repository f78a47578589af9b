import type { DomainDef } from '../../model/domain-def.js';
import { releaseDomain } from '../../model/domain-stage.js';
import type { DomainCommand } from '../command.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { failed, succeeded } from '../step-result.js';
import { domainDriverOps, noSupport } from './domain-driver-ops.js';
import { runFilterHook } from './run-filter-hook.js';
import { startGuest } from './start-guest.js';
import { stopGuest } from './stop-guest.js';
import { withDomain } from './with-domain.js';

type SaveCommand = Extract<DomainCommand, { verb: 'save' }>;
type RestoreCommand = Extract<DomainCommand, { verb: 'restore' }>;

/**
 * The definition a save image's header carries (qemuDomainDefFormatLive, inactive + migratable):
 * the running guest without its runtime state (id, ports, dynamic labels, device aliases). The
 * implicit devices the migratable format drops are kept here (an approximation of the restore
 * hook's stdin).
 */
export function savedDefinition(live: DomainDef): DomainDef {
  const released = releaseDomain(live);
  const devices = released.devices.map((d) => (d.kind === 'audio' ? d : ({ ...d, info: { ...d.info, alias: null } } as typeof d)));
  return { ...released, devices };
}

/** virDomainSave (qemuDomainSaveInternal): the guest's memory goes to FILE and it stops with reason `saved`. */
export function* saveDomain(state: SimulatorState, command: SaveCommand): Simulation {
  const obj = state.domains[command.domain]!;
  const fail = (error: string) => failed(`Failed to save domain '${command.domain}' to ${command.file}`, error);
  if (!obj.live) return { state, result: fail(libvirtErrors.operationInvalid('domain is not running')) };
  if (!domainDriverOps(obj.live).save) return { state, result: fail(noSupport('virDomainSave')) };
  const stopped = yield* stopGuest(state, obj.live, 'saved');
  const next = { ...stopped, savedImages: { ...stopped.savedImages, [command.file]: savedDefinition(obj.live) } };
  // cmdSave prints a newline first (it ends virsh's progress line).
  return { state: next, result: succeeded(`\nDomain '${command.domain}' saved to ${command.file}`) };
}

/**
 * virDomainRestore: the `restore` filter hook (qemu) on the image's definition, then the guest
 * starts from it as by `virsh start`; a guest that was not defined comes back transient.
 */
export function* restoreDomain(state: SimulatorState, command: RestoreCommand): Simulation {
  const fail = (error: string, vetoed = false) => failed(`Failed to restore domain from ${command.file}`, error, vetoed);
  const image = state.savedImages[command.file];
  if (!image) return { state, result: fail(`Failed to open file '${command.file}': No such file or directory`) };
  const existing = state.domains[image.name];
  // virDomainObjListAdd(VIR_DOMAIN_OBJ_LIST_ADD_LIVE): a running guest of that name refuses it.
  if (existing?.live) return { state, result: fail(libvirtErrors.operationInvalid(`domain '${image.name}' is already active`)) };
  let def = image;
  let current = state;
  if (domainDriverOps(image).restoreHook) {
    const filtered = yield* runFilterHook(state, image, 'restore');
    if (filtered.error !== null) return { state: filtered.state, result: fail(filtered.error, filtered.vetoed) };
    ({ state: current, def } = filtered);
  }
  if (!existing) current = withDomain(current, def.name, { config: null, live: null });
  const started = yield* startGuest(current, def);
  if (started.error !== null) return { state: started.state, result: fail(started.error, started.vetoed) };
  return { state: started.state, result: succeeded(`Domain restored from ${command.file}`) };
}
