import { FRESH_COUNTERS } from '../create-simulator-state.js';
import type { DomainObject, NetworkObject, SimulatorState } from '../simulator-state.js';

/**
 * A reboot empties /run (tmpfs): every network and guest is down (guests go without hooks, as on
 * a power cut: libvirt-guests is not modelled), leaked bridges and dnsmasq processes, transient networks and guests are
 * gone, the autostart marker is cleared. Definitions and save images (on disk) stay.
 */
export function rebootHost(state: SimulatorState): SimulatorState {
  const networks: Record<string, NetworkObject> = {};
  for (const [name, obj] of Object.entries(state.networks)) {
    if (obj.config) networks[name] = { ...obj, live: null, connections: 0, ports: [] };
  }
  const domains: Record<string, DomainObject> = {};
  for (const [name, obj] of Object.entries(state.domains)) {
    if (obj.config) domains[name] = { config: obj.config, live: null };
  }
  return {
    ...state,
    networks,
    domains,
    hostBridges: [],
    leakedDnsmasq: [],
    daemonRunning: false,
    networkDaemon: state.networkDaemon ? { ...state.networkDaemon, running: false } : null,
    counters: FRESH_COUNTERS,
    autostartedThisBoot: false,
  };
}
