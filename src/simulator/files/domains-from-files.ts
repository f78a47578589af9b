import { loadDomainFiles } from '../../status/load-domain-files.js';
import type { StatusFiles } from '../../status/status-files.js';
import { DOMAIN_DRIVERS } from '../../status/status-paths.js';
import type { DomainObject, SimulatorState } from '../simulator-state.js';

/**
 * A hypervisor driver start's view of the files (pure): every guest with a status file runs with
 * the live definition it holds (ids, aliases, taps, actual devices, portids), the configs make
 * guests persistent or shut off. The previous order is kept; new guests follow, sorted.
 */
export function domainsFromFiles(state: SimulatorState, files: StatusFiles): { readonly state: SimulatorState; readonly problems: readonly string[] } {
  const loaded = loadDomainFiles(files, DOMAIN_DRIVERS);
  const previous = Object.keys(state.domains);
  const names = [...previous.filter((n) => loaded.domains.has(n)), ...[...loaded.domains.keys()].filter((n) => !previous.includes(n)).sort()];
  const domains: Record<string, DomainObject> = {};
  for (const name of names) {
    const found = loaded.domains.get(name)!;
    domains[name] = { config: found.config, live: found.live, ...(found.live && found.tainted ? { tainted: true } : {}) };
  }
  return { state: { ...state, domains }, problems: loaded.problems };
}
