import type { DomainDef } from '../model/domain-def.js';
import { domainDriverOf } from '../model/domain-stage.js';
import type { NetworkDef } from '../model/network-def.js';
import type { NetworkPortDef } from '../model/network-port-def.js';
import { formatDomain } from '../xml/format-domain.js';
import { formatNetwork } from '../xml/format-network.js';
import { formatNetworkPort } from '../xml/format-network-port.js';
import { formatDomainStatus, type DomainStatus } from './format-domain-status.js';
import { formatNetworkStatus, type NetworkStatus } from './format-network-status.js';
import type { FileWrite } from './status-files.js';
import { domainConfigPath, domainStatusPath, networkAutostartPath, networkConfigPath, networkStatusPath, portStatusPath } from './status-paths.js';
import { pickShellSafeComment, xmlSaveFileText } from './xml-save-file.js';

const NULL_UUID = '00000000-0000-0000-0000-000000000000';

/** virNetworkObjSaveStatus: /run/libvirt/network/NAME.xml (virNetworkSaveXML's `net-edit` header). */
export function networkStatusWrite(status: NetworkStatus, version: string): FileWrite {
  const def = status.live;
  return { path: networkStatusPath(def.name), content: xmlSaveFileText(pickShellSafeComment(def.name, def.uuid ?? NULL_UUID), 'net-edit', formatNetworkStatus(status, version)) };
}

/** virNetworkPortDefSaveStatus: /run/libvirt/network/NET/ports/UUID.xml (`net-port-create UUID` header). */
export function portStatusWrite(network: string, port: NetworkPortDef): FileWrite {
  return { path: portStatusPath(network, port.uuid), content: xmlSaveFileText(port.uuid, 'net-port-create', formatNetworkPort(port)) };
}

/** virNetworkSaveConfig: the persistent definition in the inactive format. */
export function networkConfigWrite(config: NetworkDef, version: string): FileWrite {
  return { path: networkConfigPath(config.name), content: xmlSaveFileText(pickShellSafeComment(config.name, config.uuid ?? NULL_UUID), 'net-edit', formatNetwork(config, { version })) };
}

/** networkSetAutostart: symlink(configFile, autostartLink). */
export function networkAutostartWrite(name: string): FileWrite {
  return { path: networkAutostartPath(name), symlink: networkConfigPath(name) };
}

/** virDomainObjSave: the running guest's status file (virDomainSaveXML's `edit` header). */
export function domainStatusWrite(status: DomainStatus): FileWrite {
  const live = status.live;
  return { path: domainStatusPath(domainDriverOf(live), live.name), content: xmlSaveFileText(pickShellSafeComment(live.name, live.uuid ?? NULL_UUID), 'edit', formatDomainStatus(status)) };
}

/** virDomainDefSave: the persistent definition (inactive format). */
export function domainConfigWrite(config: DomainDef): FileWrite {
  const inactive = config.id === null ? config : { ...config, id: null };
  return { path: domainConfigPath(domainDriverOf(config), config.name), content: xmlSaveFileText(pickShellSafeComment(config.name, config.uuid ?? NULL_UUID), 'edit', formatDomain(inactive)) };
}
