import type { HookDriver } from '../model/hook-driver.js';
import type { LibvirtProfile } from '../model/libvirt-profile.js';
import { seededRandom } from '../model/seeded-random.js';
import type { DaemonMode, HypervisorCounters, SimulatorState } from './simulator-state.js';

export interface SimulatorStateOptions {
  readonly profile: LibvirtProfile;
  /** Seed for every generated value (UUIDs, MACs, bridge names, replay order). */
  readonly seed: string;
  /** Drivers whose hooks were found when the simulated daemon started. */
  readonly hooksFound: readonly HookDriver[];
  /**
   * One libvirtd, or split daemons (virtnetworkd and virtqemud restart separately).
   * @default 'monolithic'
   */
  readonly daemon?: DaemonMode;
}

/** A fresh hypervisor daemon's counters: ids from 1 (no dom0), taps from vnet0. */
export const FRESH_COUNTERS: HypervisorCounters = { nextDomainId: 1, taps: { vnet: 0, macvtap: 0 } };

/** An empty host with a running daemon, as right after `libvirtd` started with no definitions. */
export function createSimulatorState(options: SimulatorStateOptions): SimulatorState {
  const mode = options.daemon ?? 'monolithic';
  return {
    profile: options.profile,
    random: seededRandom(options.seed).state(),
    networks: {},
    domains: {},
    savedImages: {},
    hostBridges: [],
    hooksFound: [...options.hooksFound],
    daemonRunning: true,
    daemonMode: mode,
    networkDaemon: mode === 'modular' ? { running: true, hooksFound: [...options.hooksFound] } : null,
    counters: FRESH_COUNTERS,
    // A session starts on a host whose daemon already ran its first start after boot.
    autostartedThisBoot: true,
  };
}
