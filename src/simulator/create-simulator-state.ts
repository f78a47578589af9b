import type { HookDriver } from '../model/hook-driver.js';
import type { LibvirtProfile } from '../model/libvirt-profile.js';
import { seededRandom } from '../model/seeded-random.js';
import type { SimulatorState } from './simulator-state.js';

export interface SimulatorStateOptions {
  readonly profile: LibvirtProfile;
  /** Seed for every generated value (UUIDs, MACs, bridge names, replay order). */
  readonly seed: string;
  /** Drivers whose hooks were found when the simulated daemon started. */
  readonly hooksFound: readonly HookDriver[];
}

/** An empty host with a running daemon, as right after `libvirtd` started with no definitions. */
export function createSimulatorState(options: SimulatorStateOptions): SimulatorState {
  return {
    profile: options.profile,
    random: seededRandom(options.seed).state(),
    networks: {},
    hostBridges: [],
    hooksFound: [...options.hooksFound],
    daemonRunning: true,
    // A session starts on a host whose daemon already ran its first start after boot.
    autostartedThisBoot: true,
  };
}
