import type { DomainDef } from '../../model/domain-def.js';
import { domainDriverOf, type DomainDriver } from '../../model/domain-stage.js';

/** virDomainShutoffReason, as `release end <reason>` spells it (10.5+). */
export type ShutoffReason = 'unknown' | 'shutdown' | 'destroyed' | 'crashed' | 'migrated' | 'saved' | 'failed' | 'from snapshot' | 'daemon';

/** What a hypervisor driver does with hooks (reference §1.2-1.5): which ops exist and how stops are told. */
export interface DomainDriverOps {
  readonly driver: DomainDriver;
  /** A `reconnect` hook at daemon start (qemu, lxc, libxl; bhyve has none). */
  readonly reconnect: boolean;
  /** `release end <reason>` from 10.5 (qemu and lxc); libxl and bhyve always pass `-`. */
  readonly releaseReasons: boolean;
  /** How a vetoed reconnect stops the guest: qemuProcessReconnect uses `daemon`, virLXCProcessReconnectDomain `failed`. */
  readonly reconnectVetoReason: ShutoffReason;
  /** The `migrate` filter hook on the incoming side (qemu, libxl). */
  readonly migrate: boolean;
  /** The `restore` filter hook (qemu only; libxl restores without one). */
  readonly restoreHook: boolean;
  /** virDomainSave / virDomainRestore exist (qemu, libxl). */
  readonly save: boolean;
  /** Interface hot-plug (qemu, lxc, libxl; bhyve refuses). */
  readonly hotplug: boolean;
  /** virLXCProcessSetupInterfaces releases the ports it made as soon as one fails, before the stop path. */
  readonly releasePortsOnSetupFailure: boolean;
  /** The domain id exists at `prepare` (qemuProcessInit); the others set it once the guest runs, after `start`. */
  readonly idAtPrepare: boolean;
  /** Host NICs exist at `start` (qemu taps, lxc veths, bhyve taps); libxl names its vifs after the domid, after `start`. */
  readonly nicsBeforeStartHook: boolean;
  /** A failed start runs the stop path (`stopped`, `release`); bhyve only destroys the VM and its NICs. */
  readonly stopPathOnStartFailure: boolean;
  /** Interfaces of `type='network'` get a network port; bhyve refuses every actual type but bridge. */
  readonly networkPorts: boolean;
}

const OPS: Readonly<Record<DomainDriver, DomainDriverOps>> = {
  qemu: {
    driver: 'qemu', reconnect: true, releaseReasons: true, reconnectVetoReason: 'daemon', migrate: true, restoreHook: true, save: true, hotplug: true,
    releasePortsOnSetupFailure: false, idAtPrepare: true, nicsBeforeStartHook: true, stopPathOnStartFailure: true, networkPorts: true,
  },
  // virLXCProcessStart: vm->def->id = vm->pid once the controller runs; failures go to virLXCProcessCleanup.
  lxc: {
    driver: 'lxc', reconnect: true, releaseReasons: true, reconnectVetoReason: 'failed', migrate: false, restoreHook: false, save: false, hotplug: true,
    releasePortsOnSetupFailure: true, idAtPrepare: false, nicsBeforeStartHook: true, stopPathOnStartFailure: true, networkPorts: true,
  },
  // libxlDomainStart: vm->def->id = domid after libxl_domain_create_new, then libxlDomainCreateIfaceNames; failures go to libxlDomainCleanup.
  libxl: {
    driver: 'libxl', reconnect: true, releaseReasons: false, reconnectVetoReason: 'failed', migrate: true, restoreHook: false, save: true, hotplug: true,
    releasePortsOnSetupFailure: false, idAtPrepare: false, nicsBeforeStartHook: false, stopPathOnStartFailure: true, networkPorts: true,
  },
  // virBhyveProcessStart returns after a vetoed prepare; virBhyveProcessStartImpl's cleanup destroys the VM and runs
  // bhyveNetCleanup, with no stopped/release hook; vm->def->id = vm->pid once bhyve runs; bhyveBuildNetArgStr takes bridges only.
  bhyve: {
    driver: 'bhyve', reconnect: false, releaseReasons: false, reconnectVetoReason: 'failed', migrate: false, restoreHook: false, save: false, hotplug: false,
    releasePortsOnSetupFailure: false, idAtPrepare: false, nicsBeforeStartHook: true, stopPathOnStartFailure: false, networkPorts: false,
  },
};

/** The op table of the driver that runs this guest. */
export function domainDriverOps(def: DomainDef): DomainDriverOps {
  return OPS[domainDriverOf(def)];
}

/** VIR_ERR_NO_SUPPORT: the driver lacks the API (what virsh shows for save on lxc, say). */
export const noSupport = (api: string) => `this function is not supported by the connection driver: ${api}`;
