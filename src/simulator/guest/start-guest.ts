import type { DomainDef } from '../../model/domain-def.js';
import { DOMAIN_NET_TYPES, interfaceNetwork } from '../../model/domain-net-def.js';
import { beginDomainStart, domainDriverOf, domainInterfaces, finishDomainLaunch, launchDomain, prepareDomain } from '../../model/domain-stage.js';
import { forwardModeOf } from '../../model/network-def.js';
import { openPtys, ptysInUse } from '../../model/pty-chardevs.js';
import { validateActualInterface } from '../../model/validate-actual-interface.js';
import { ensureNetworkDaemon } from '../daemon/network-daemon.js';
import { allocateNetworkPort } from '../network/allocate-network-port.js';
import { releaseNetworkPort } from '../network/release-network-port.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { domainDriverOps } from './domain-driver-ops.js';
import { connectInterface, disconnectInterface, interfacePorts, portOwner } from './interface-ports.js';
import { runDomainHook } from './run-domain-hook.js';
import { stopGuest } from './stop-guest.js';
import { withDomain, withDomainStopped } from './with-domain.js';
import { libvirtMessage } from '../../xml/libvirt-message.js';

/** How a start attempt ended; `error` is libvirt's message (what virsh prints after `error: `). */
export interface GuestStart {
  readonly state: SimulatorState;
  readonly error: string | null;
  readonly vetoed: boolean;
}

/** virDomainNetResolveActualType's input: the forward mode of the network an interface names. */
function forwardLookup(state: SimulatorState) {
  return (name: string): string | undefined => {
    const obj = state.networks[name];
    const def = obj?.live ?? obj?.config;
    return def ? forwardModeOf(def) : undefined;
  };
}

/**
 * qemuProcessStart (and the lxc/libxl/bhyve equivalents) for a guest the state already holds:
 * `prepare`, one port per `type='network'` interface in XML order (port-created), host NICs
 * created (vnetN, consumed even when a later step fails), `start`, `started`. qemu has its id from
 * `prepare` on, the others once the guest runs (after `start`). A failure runs the stop path with
 * reason `failed` (stopped, port-deleted for the ports made, release); lxc releases the ports it
 * made at once when one fails (virLXCProcessSetupInterfaces); bhyve runs no stop hook at all.
 */
export function* startGuest(state: SimulatorState, def: DomainDef): Simulation<GuestStart> {
  const ops = domainDriverOps(def);
  const id = state.counters.nextDomainId;
  let current: SimulatorState = { ...state, counters: { ...state.counters, nextDomainId: id + 1 } };
  // qemuProcessInit: the transient copy, with its id for qemu; ports and taps come later.
  let live = beginDomainStart(def, ops.idAtPrepare ? id : null);
  const fail = function* (error: string | null, vetoed: boolean): Simulation<GuestStart> {
    const message = error ?? '';
    if (ops.stopPathOnStartFailure) return { state: yield* stopGuest(current, live, 'failed'), error: message, vetoed };
    // virBhyveProcessStartImpl's cleanup: bhyvectl --destroy and bhyveNetCleanup, no stopped/release hook.
    ({ state: current } = yield* releaseMadePorts(current, live));
    return { state: withDomainStopped(current, def.name), error: message, vetoed };
  };

  const prepare = yield* runDomainHook(current, live, 'prepare');
  if (prepare.status === 'failed') {
    // virBhyveProcessStart returns at once after a vetoed prepare.
    if (!ops.stopPathOnStartFailure) return { state: current, error: prepare.error ?? '', vetoed: true };
    return yield* fail(prepare.error, true);
  }
  live = prepareDomain(live, { networkForward: forwardLookup(current) });
  if (!ops.networkPorts) {
    // bhyveBuildNetArgStr: only an actual type of bridge can be plugged (an unallocated network interface is 'network').
    const refused = domainInterfaces(live).find((i) => i.type !== 'bridge');
    if (refused) return yield* fail(libvirtMessage.configUnsupported(`Network type ${DOMAIN_NET_TYPES.indexOf(refused.type)} is not supported`), false);
  }
  // The first port allocation reaches the network driver (socket-activating virtnetworkd).
  if (domainInterfaces(live).some((i) => i.type === 'network')) current = yield* ensureNetworkDaemon(current);

  for (const [index, iface] of domainInterfaces(live).entries()) {
    const network = interfaceNetwork(iface);
    if (iface.type !== 'network' || network === null) {
      const invalid = validateActualInterface(iface);
      if (invalid !== null) return yield* fail(invalid, false);
      continue;
    }
    const [here, before] = [current, live];
    const allocated = yield* allocateNetworkPort(here, {
      network, iface, owner: { name: def.name, uuid: def.uuid ?? '' },
      ownerContext: (port) => portOwner(connectInterface(here, before, index, port), index),
    });
    current = allocated.state;
    if (!allocated.port) {
      if (ops.releasePortsOnSetupFailure) ({ state: current, def: live } = yield* releaseMadePorts(current, live));
      return yield* fail(allocated.error, allocated.vetoed);
    }
    live = connectInterface(current, live, index, allocated.port);
    // qemuProcessNetworkPrepareDevices: the final check once the actual type is known, after the hook.
    const invalid = validateActualInterface(domainInterfaces(live)[index]!);
    if (invalid !== null) return yield* fail(invalid, false);
  }

  // qemuProcessLaunch: taps are created (and numbered) while the command line is built.
  const launch = () => {
    const launched = launchDomain(live, current.counters.taps);
    live = launched.def;
    current = { ...current, counters: { ...current.counters, taps: launched.counters } };
  };
  if (ops.nicsBeforeStartHook) launch();
  const start = yield* runDomainHook(current, live, 'start');
  if (start.status === 'failed') return yield* fail(start.error, true);

  // The guest runs: lxc/bhyve take the init's pid as id, libxl the domid, and libxl names its vifs after it.
  if (!ops.idAtPrepare) live = { ...live, id };
  if (!ops.nicsBeforeStartHook) launch();
  live = finishDomainLaunch(live);
  // qemuProcessRefreshChardevs: pty chardevs get the lowest /dev/pts/N no running guest holds.
  if (domainDriverOf(live) === 'qemu') {
    const running = Object.values(current.domains).flatMap((d) => (d.live ? [d.live] : []));
    live = openPtys(live, ptysInUse(running));
  }
  const started = yield* runDomainHook(current, live, 'started');
  // qemuProcessFinishStartup: a vetoed `started` kills the guest that already runs.
  if (started.status === 'failed') return yield* fail(started.error, true);

  const obj = current.domains[def.name]!;
  // qemuDomainObjCheckTaint: priv->hookRun (the qemu hook ran at this start) taints the guest.
  const tainted = domainDriverOf(live) === 'qemu' && current.hooksFound.includes('qemu');
  return { state: withDomain(current, def.name, { ...obj, live, tainted }), error: null, vetoed: false };
}

/** virLXCProcessSetupInterfaces' cleanup: the ports made so far are released before the stop path. */
function* releaseMadePorts(state: SimulatorState, live: DomainDef): Simulation<{ state: SimulatorState; def: DomainDef }> {
  let current = state;
  let def = live;
  for (const held of interfacePorts(state, live)) {
    const released = yield* releaseNetworkPort(current, held.network, held.uuid, portOwner(def, held.index));
    current = released.state;
    def = disconnectInterface(def, held.index);
  }
  return { state: current, def };
}
