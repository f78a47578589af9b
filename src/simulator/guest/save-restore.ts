import { completeDomainDef } from '../../model/complete-domain-def.js';
import type { DomainDef } from '../../model/domain-def.js';
import { seededRandom } from '../../model/seeded-random.js';
import type { DomainDevice } from '../../model/domain-device-def.js';
import { domainDriverOf, releaseDomain } from '../../model/domain-stage.js';
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
 * The definition a save image's header carries (qemuDomainDefFormatLive, inactive + migratable,
 * as qemuDomainDefFormatBufInternal formats it): the running guest without its runtime state (id,
 * ports, aliases, generated tap names), the CPU as defined (`cpu`, the persistent definition's:
 * the origCPU before QEMU's features), and without what migratable XML leaves out for older
 * libvirt: dynamic seclabels without a base label, a lone default USB controller (none or
 * piix3-uhci) and a lone pci-root, the implicit PS/2 keyboard and `<audio type='none'>`.
 */
export function savedDefinition(live: DomainDef, cpu: DomainDef['cpu'] = live.cpu): DomainDef {
  const released = releaseDomain(live);
  const controllers = (type: string) => released.devices.filter((d) => d.kind === 'controller' && d.type === type);
  const [usb, pci] = [controllers('usb'), controllers('pci')];
  const dropped = (d: DomainDevice): boolean => {
    if (d.kind === 'controller') {
      if (d.type === 'usb' && usb.length === 1 && d.index === 0 && (d.model === null || d.model === 'piix3-uhci')) return true;
      return d.type === 'pci' && pci.length === 1 && d.index === 0 && d.model === 'pci-root';
    }
    if (d.kind === 'input') return d.type === 'keyboard' && d.bus === 'ps2';
    return d.kind === 'audio' && d.type === 'none';
  };
  const devices = released.devices.filter((d) => !dropped(d)).map((d) => {
    if (d.kind === 'audio') return d;
    const info = { ...d.info, alias: null };
    // virDomainNetDefParseXML drops generated tap names, so the restored guest gets a new vnetN.
    if (d.kind === 'interface' && d.target.dev !== null && d.target.managed !== 'no' && GENERATED_TAP.test(d.target.dev)) {
      return { ...d, info, target: { ...d.target, dev: null } };
    }
    return { ...d, info } as typeof d;
  });
  // virSecurityLabelDefsFormat: a dynamic label without a base label is not migratable.
  const seclabels = released.seclabels.filter((l) => !(l.type === 'dynamic' && l.baselabel === null));
  return { ...released, cpu, devices, seclabels };
}

const GENERATED_TAP = /^(vnet|macvtap|macvlan)/;

/** virDomainSave (qemuDomainSaveInternal): the guest's memory goes to FILE and it stops with reason `saved`. */
export function* saveDomain(state: SimulatorState, command: SaveCommand): Simulation {
  const obj = state.domains[command.domain]!;
  const fail = (error: string) => failed(`Failed to save domain '${command.domain}' to ${command.file}`, error);
  if (!obj.live) return { state, result: fail(libvirtErrors.operationInvalid('domain is not running')) };
  if (!domainDriverOps(obj.live).save) return { state, result: fail(noSupport('virDomainSave')) };
  const stopped = yield* stopGuest(state, obj.live, 'saved');
  const next = { ...stopped, savedImages: { ...stopped.savedImages, [command.file]: { def: savedDefinition(obj.live, obj.config?.cpu ?? obj.live.cpu), cookieCpu: obj.live.cpu } } };
  // cmdSave prints a newline first (it ends virsh's progress line).
  return { state: next, result: succeeded(`\nDomain '${command.domain}' saved to ${command.file}`) };
}

/**
 * virDomainRestore: the `restore` filter hook (qemu) on the image's definition, then the guest
 * starts from it as by `virsh start`; a guest that was not defined comes back transient.
 */
export function* restoreDomain(state: SimulatorState, command: RestoreCommand): Simulation {
  const fail = (error: string, vetoed = false) => failed(`Failed to restore domain from ${command.file}`, error, vetoed);
  const saved = state.savedImages[command.file];
  if (!saved) return { state, result: fail(`Failed to open file '${command.file}': No such file or directory`) };
  const image = saved.def;
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
  // qemuSaveImageOpen parses the header's XML: the post-parse puts back the implicit devices it left out.
  if (def === image) def = completeDomainDef(image, { random: seededRandom(current.random) });
  // qemuSaveImageStartVM: the cookie's CPU (as QEMU ran it) replaces the definition's before `prepare`.
  if (saved.cookieCpu !== null && domainDriverOf(def) === 'qemu') def = { ...def, cpu: saved.cookieCpu };
  if (!existing) current = withDomain(current, def.name, { config: null, live: null });
  const started = yield* startGuest(current, def);
  if (started.error !== null) return { state: started.state, result: fail(started.error, started.vetoed) };
  return { state: started.state, result: succeeded(`Domain restored from ${command.file}`) };
}
