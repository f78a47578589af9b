import { classIdsOf, floorSumOf, type NetworkStatus } from './format-network-status.js';
import type { PersistedHost, PersistedNetwork } from './persisted-host.js';
import type { FileWrite, StatusFileContent } from './status-files.js';
import { domainConfigWrite, domainStatusWrite, networkAutostartWrite, networkConfigWrite, networkStatusWrite, portStatusWrite } from './status-file-writes.js';
import { AUTOSTARTED_MARKER } from './status-paths.js';

/**
 * A network's status as its last virNetworkObjSaveStatus left it, for a host described without
 * its history: saved after `started` (no connection yet), and again whenever a port with a
 * guaranteed floor was plugged (networkPlugBandwidth, before that port's connections++), assuming
 * the ports were created in order.
 */
export function lastSavedNetworkStatus(obj: PersistedNetwork): NetworkStatus {
  const lastFloor = obj.ports.reduce((last, p, i) => (p.classId ? i : last), -1);
  const before = lastFloor === -1 ? [] : obj.ports.slice(0, lastFloor);
  return {
    live: obj.live!, connections: before.length, ports: before,
    classIds: classIdsOf(obj.ports), floorSum: floorSumOf(obj.ports), tainted: obj.tainted ?? false,
  };
}

/**
 * Every file libvirt would hold for this host: each network's config and autostart link, status
 * file and port files; each guest's config and, while it runs, its status file; the autostart
 * marker. Pure: `path -> content` (symlinks as `{ symlink }`).
 */
export function renderStatusFiles(host: PersistedHost): Map<string, StatusFileContent> {
  const version = host.profile.version;
  const writes: FileWrite[] = [];
  for (const [name, obj] of Object.entries(host.networks)) {
    if (obj.config) writes.push(networkConfigWrite(obj.config, version));
    if (obj.config && obj.autostart) writes.push(networkAutostartWrite(name));
    if (!obj.live) continue;
    writes.push(networkStatusWrite(lastSavedNetworkStatus(obj), version));
    // Port status files exist since the port API (5.5); before, the guests' status kept the devices.
    if (host.profile.portHooks === 'port') for (const port of obj.ports) writes.push(portStatusWrite(name, port));
  }
  for (const obj of Object.values(host.domains)) {
    if (obj.config) writes.push(domainConfigWrite(obj.config));
    if (obj.live) writes.push(domainStatusWrite({ live: obj.live, tainted: obj.tainted ?? false }));
  }
  if (host.profile.autostartOnce && host.autostartedThisBoot) writes.push({ path: AUTOSTARTED_MARKER, content: '' });
  return new Map(writes.map((w) => [w.path, 'content' in w ? w.content : { symlink: w.symlink }]));
}
