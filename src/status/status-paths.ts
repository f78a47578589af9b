import type { DomainDriver } from '../model/domain-stage.js';

/** networkStateInitialize's privileged stateDir (the status files). */
export const NETWORK_STATE_DIR = '/run/libvirt/network';
/** networkConfigDir: persistent network definitions. */
export const NETWORK_CONFIG_DIR = '/etc/libvirt/qemu/networks';
/** networkAutostartDir: one symlink per autostart network. */
export const NETWORK_AUTOSTART_DIR = '/etc/libvirt/qemu/networks/autostart';
/** virDriverShouldAutostart's marker: autostart already ran this boot (5.9+). */
export const AUTOSTARTED_MARKER = `${NETWORK_STATE_DIR}/autostarted`;
/** Where a host's runtime state lives: a tmpfs emptied by every reboot. */
export const RUNTIME_DIR = '/run/libvirt';

/** virNetworkConfigFile(stateDir, name). */
export const networkStatusPath = (name: string) => `${NETWORK_STATE_DIR}/${name}.xml`;
/** virNetworkObjGetPortStatusDir. */
export const portStatusDir = (network: string) => `${NETWORK_STATE_DIR}/${network}/ports`;
/** virNetworkPortDefConfigFile(dir, uuid). */
export const portStatusPath = (network: string, uuid: string) => `${portStatusDir(network)}/${uuid}.xml`;
/** virNetworkConfigFile(configDir, name). */
export const networkConfigPath = (name: string) => `${NETWORK_CONFIG_DIR}/${name}.xml`;
/** virNetworkConfigFile(autostartDir, name). */
export const networkAutostartPath = (name: string) => `${NETWORK_AUTOSTART_DIR}/${name}.xml`;

/** Each hypervisor driver's privileged stateDir and configDir (qemu_conf.c, lxc_conf.c, libxl_conf.c, bhyve_utils.h). */
const DOMAIN_DIRS: Readonly<Record<DomainDriver, { readonly state: string; readonly config: string }>> = {
  qemu: { state: '/run/libvirt/qemu', config: '/etc/libvirt/qemu' },
  lxc: { state: '/run/libvirt/lxc', config: '/etc/libvirt/lxc' },
  libxl: { state: '/run/libvirt/libxl', config: '/etc/libvirt/libxl' },
  bhyve: { state: '/run/libvirt/bhyve', config: '/etc/libvirt/bhyve' },
};

/** The status and config directories of a hypervisor driver. */
export const domainDirs = (driver: DomainDriver) => DOMAIN_DIRS[driver];
/** Every hypervisor driver with its directories. */
export const DOMAIN_DRIVERS = Object.keys(DOMAIN_DIRS) as DomainDriver[];
/** virDomainConfigFile(stateDir, name): a running guest's status file. */
export const domainStatusPath = (driver: DomainDriver, name: string) => `${DOMAIN_DIRS[driver].state}/${name}.xml`;
/** virDomainConfigFile(configDir, name): a persistent guest's definition. */
export const domainConfigPath = (driver: DomainDriver, name: string) => `${DOMAIN_DIRS[driver].config}/${name}.xml`;
