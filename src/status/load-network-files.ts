import type { NetworkDef } from '../model/network-def.js';
import type { NetworkPortDef } from '../model/network-port-def.js';
import { parseNetworkElement } from '../xml/parse-network.js';
import { parseNetworkPortXml } from '../xml/parse-network-port.js';
import { readXml } from '../xml/read-xml.js';
import { parseNetworkStatus } from './parse-network-status.js';
import { listStatusDir, readStatusFile, type StatusFiles } from './status-files.js';
import { NETWORK_AUTOSTART_DIR, NETWORK_CONFIG_DIR, NETWORK_STATE_DIR, networkAutostartPath, networkConfigPath, portStatusDir } from './status-paths.js';

/** A network as the files describe it. */
export interface LoadedNetwork {
  readonly config: NetworkDef | null;
  /** The running definition: the network had a status file. */
  readonly live: NetworkDef | null;
  readonly autostart: boolean;
  readonly ports: readonly NetworkPortDef[];
  readonly tainted: boolean;
}

/** The networks found, and what libvirt would log about the files it skipped. */
export interface LoadedNetworks {
  /** By name, in directory order (status files first, then configs of inactive networks). */
  readonly networks: ReadonlyMap<string, LoadedNetwork>;
  readonly problems: readonly string[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** virFileLinkPointsTo(autostartLink, configFile): a symlink resolving to the config file. */
function linkPointsTo(files: StatusFiles, link: string, target: string): boolean {
  const entry = files.get(link);
  if (entry === undefined || typeof entry === 'string') return false;
  const resolved = entry.symlink.startsWith('/') ? entry.symlink : `${NETWORK_AUTOSTART_DIR}/${entry.symlink}`;
  const normal = resolved.split('/').reduce<string[]>((parts, part) => (part === '..' ? parts.slice(0, -1) : part === '.' || part === '' ? parts : [...parts, part]), []);
  return `/${normal.join('/')}` === target && files.has(target);
}

/** virNetworkObjLoadAllPorts: every ports/*.xml; one that does not parse is skipped with a warning. */
function loadPorts(files: StatusFiles, network: string, problems: string[]): NetworkPortDef[] {
  const dir = portStatusDir(network);
  const ports: NetworkPortDef[] = [];
  for (const entry of listStatusDir(files, dir)) {
    const path = `${dir}/${entry}`;
    const text = readStatusFile(files, path);
    if (text === undefined) continue;
    try {
      const port = parseNetworkPortXml(text, path, { strict: false });
      if (ports.some((p) => p.uuid === port.uuid)) problems.push(`Cannot add port ${path}: a port with UUID ${port.uuid} is already loaded`);
      else ports.push(port);
    } catch (error) {
      problems.push(`Cannot parse port ${path}: ${messageOf(error)}`);
    }
  }
  return ports;
}

/**
 * networkStateInitialize's loading (virNetworkObjLoadAllState then virNetworkObjLoadAllConfigs):
 * a network with a status file is active (its ports loaded with it when `ports`), a config makes
 * it persistent (and inactive when there is no status file), an autostart link pointing at the
 * config marks it autostart. A file that does not parse is skipped and logged, as libvirt does:
 * a network whose status file is corrupt comes back inactive from its config.
 */
export function loadNetworkFiles(files: StatusFiles, options: { readonly ports: boolean }): LoadedNetworks {
  const networks = new Map<string, { -readonly [K in keyof LoadedNetwork]: LoadedNetwork[K] }>();
  const problems: string[] = [];
  for (const entry of listStatusDir(files, NETWORK_STATE_DIR)) {
    const path = `${NETWORK_STATE_DIR}/${entry}`;
    const name = entry.slice(0, -'.xml'.length);
    const text = readStatusFile(files, path);
    if (text === undefined) continue;
    try {
      const status = parseNetworkStatus(text, path, name);
      networks.set(name, { config: null, live: status.live, autostart: false, tainted: status.tainted, ports: options.ports ? loadPorts(files, name, problems) : [] });
    } catch (error) {
      problems.push(`Failed to load network status ${path}: ${messageOf(error)}`);
    }
  }
  for (const entry of listStatusDir(files, NETWORK_CONFIG_DIR)) {
    const path = `${NETWORK_CONFIG_DIR}/${entry}`;
    const name = entry.slice(0, -'.xml'.length);
    const text = readStatusFile(files, path);
    if (text === undefined) continue;
    try {
      const config = parseNetworkElement(readXml(text, path), path);
      if (config.name !== name) throw new Error(`internal error: Network config filename '${path}' does not match network name '${config.name}'`);
      const running = networks.get(name);
      // virNetworkObjAssignDef: the same name must come with the same UUID.
      if (running?.live && config.uuid !== undefined && running.live.uuid !== config.uuid) {
        throw new Error(`operation failed: network '${name}' already exists with uuid ${running.live.uuid ?? ''}`);
      }
      const autostart = linkPointsTo(files, networkAutostartPath(name), networkConfigPath(name));
      networks.set(name, { ...(running ?? { live: null, ports: [], tainted: false }), config, autostart });
    } catch (error) {
      problems.push(`Failed to load network config ${path}: ${messageOf(error)}`);
    }
  }
  return { networks, problems };
}
