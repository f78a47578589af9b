import { loadDomainFiles, type LoadedDomain } from './load-domain-files.js';
import { loadNetworkFiles, type LoadedNetwork } from './load-network-files.js';
import type { StatusFiles } from './status-files.js';
import { AUTOSTARTED_MARKER, DOMAIN_DRIVERS } from './status-paths.js';

/** What a daemon start would rebuild from a volume's files. */
export interface LoadedStatus {
  readonly networks: ReadonlyMap<string, LoadedNetwork>;
  readonly domains: ReadonlyMap<string, LoadedDomain>;
  /** /run/libvirt/network/autostarted exists. */
  readonly autostarted: boolean;
  /** Files skipped, as libvirt would log them. */
  readonly problems: readonly string[];
}

/**
 * Reads a whole volume as libvirtd's drivers do at start: networks (status files, ports,
 * configs, autostart links), guests of every hypervisor driver (status files, configs) and the
 * autostart marker. `ports: false` for releases before the port API (5.5), which had no port files.
 */
export function loadStatusFiles(files: StatusFiles, options: { readonly ports?: boolean } = {}): LoadedStatus {
  const networks = loadNetworkFiles(files, { ports: options.ports ?? true });
  const domains = loadDomainFiles(files, DOMAIN_DRIVERS);
  return { networks: networks.networks, domains: domains.domains, autostarted: files.has(AUTOSTARTED_MARKER), problems: [...networks.problems, ...domains.problems] };
}
