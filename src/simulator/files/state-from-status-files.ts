import { hasManagedBridge } from '../../model/network-def.js';
import { applyFileChanges, type StatusFiles } from '../../status/status-files.js';
import { countersFromRunning } from '../daemon/init-hypervisor-driver.js';
import { ipv4Subnets } from '../network/ipv4-subnets.js';
import type { HostBridge, SimulatorState } from '../simulator-state.js';
import { domainsFromFiles } from './domains-from-files.js';
import { networksFromFiles } from './networks-from-files.js';

/** A host rebuilt from files: its state, the files as the daemon left them, and what it skipped. */
export interface HostFromFiles {
  readonly state: SimulatorState;
  readonly files: StatusFiles;
  readonly problems: readonly string[];
}

/**
 * The host a daemon finds when it starts on these files, without running any hook or replay:
 * networks, ports, guests and the autostart marker as the files say, the bridges of the active
 * networks present on the host, counters continued from the running guests. For scenarios that
 * start from given status files instead of the steps that made them.
 */
export function stateFromStatusFiles(base: SimulatorState, files: StatusFiles): HostFromFiles {
  const networks = networksFromFiles(base, files);
  const domains = domainsFromFiles(networks.state, files);
  const state = domains.state;
  const bridges: HostBridge[] = [...state.hostBridges];
  for (const obj of Object.values(state.networks)) {
    const bridge = obj.live?.bridge?.name;
    if (obj.live && hasManagedBridge(obj.live) && bridge && !bridges.some((b) => b.name === bridge)) bridges.push({ name: bridge, subnets: ipv4Subnets(obj.live) });
  }
  const running = Object.values(state.domains).flatMap((obj) => (obj.live ? [obj.live] : []));
  return {
    state: { ...state, hostBridges: bridges, counters: countersFromRunning(running) },
    files: applyFileChanges(files, networks.writes),
    problems: [...networks.problems, ...domains.problems],
  };
}
