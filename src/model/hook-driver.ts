/** libvirt's virHookDriver names, which are also the hook script names under /etc/libvirt/hooks. */
export type HookDriver = 'daemon' | 'qemu' | 'lxc' | 'network' | 'libxl' | 'bhyve';

export const HOOK_DRIVERS: readonly HookDriver[] = ['daemon', 'qemu', 'lxc', 'network', 'libxl', 'bhyve'];

/** virHookSubopType: `-`, `begin`, `end`. */
export type HookSubop = '-' | 'begin' | 'end';

/** virHookNetworkOpType (port-created/port-deleted since 5.5; plugged/unplugged before). */
export type NetworkHookOp = 'start' | 'started' | 'stopped' | 'plugged' | 'unplugged' | 'port-created' | 'port-deleted' | 'updated';
/** virHookQemuOpType. */
export type QemuHookOp = 'start' | 'stopped' | 'prepare' | 'release' | 'migrate' | 'started' | 'reconnect' | 'attach' | 'restore';
/** virHookLxcOpType. */
export type LxcHookOp = 'start' | 'stopped' | 'prepare' | 'release' | 'started' | 'reconnect';
/** virHookLibxlOpType. */
export type LibxlHookOp = 'start' | 'stopped' | 'prepare' | 'release' | 'migrate' | 'started' | 'reconnect';
/** virHookBhyveOpType. */
export type BhyveHookOp = 'start' | 'stopped' | 'prepare' | 'release' | 'started';
/** virHookDaemonOpType. */
export type DaemonHookOp = 'start' | 'shutdown' | 'reload';

export type HookOp = NetworkHookOp | QemuHookOp | LxcHookOp | LibxlHookOp | BhyveHookOp | DaemonHookOp;
