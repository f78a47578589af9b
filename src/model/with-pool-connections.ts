import type { NetworkDef } from './network-def.js';
import type { NetworkPortDef } from './network-port-def.js';

/**
 * The running def with each `<forward><interface>`'s `connections` counted from the ports on it
 * (networkAllocatePort/networkNotifyPort's dev->connections++), as the live XML shows them.
 */
export function withPoolConnections(def: NetworkDef, ports: readonly NetworkPortDef[]): NetworkDef {
  const forward = def.forward;
  if (!forward || forward.interfaces.length === 0) return def;
  const interfaces = forward.interfaces.map((iface) => {
    const count = ports.filter((p) => p.plug?.type === 'direct' && p.plug.dev === iface.dev).length;
    const { connections: _old, ...rest } = iface;
    return count > 0 ? { ...rest, connections: count } : rest;
  });
  return { ...def, forward: { ...forward, interfaces } };
}
