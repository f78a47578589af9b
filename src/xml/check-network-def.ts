import { forwardModeOf, type NetworkDef } from '../model/network-def.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { child, type ParseContext } from './parse-context.js';
import type { XmlElement } from './read-xml.js';
import { formatSocketAddress, ipPrefix, maskAddress, parseSocketAddress, prefixToNetmask, sameAddress } from './socket-address.js';

/**
 * The checks at the end of virNetworkDefParseXML that need the whole definition: static route
 * gateways reachable through an `<ip>`, bridge/forward settings allowed by the forward mode,
 * and `<mtu>` only for libvirt-managed bridges.
 */
export function checkNetworkDef(ctx: ParseContext, root: XmlElement, def: NetworkDef): void {
  const net = def.name;
  const at = (name: string) => child(root, name) ?? root;
  for (const route of def.routes) {
    const gateway = parseSocketAddress(route.gateway)!;
    const reachable = def.ips.some((ip) => {
      const address = parseSocketAddress(ip.address)!;
      if (address.family !== gateway.family) return false;
      const mask = prefixToNetmask(ipPrefix(address, ip.netmask ? parseSocketAddress(ip.netmask)! : undefined, ip.prefix), address.family);
      return mask !== null && sameAddress(maskAddress(address, mask), maskAddress(gateway, mask));
    });
    if (!reachable) ctx.fail(at('route'), m.configUnsupported(`unreachable static route gateway '${formatSocketAddress(gateway)}' specified for network '${net}'`));
  }
  const mode = forwardModeOf(def);
  const forward = def.forward;
  const ifCount = (forward?.interfaces.length ?? 0) + (forward?.addresses.length ?? 0);
  const bridgeNode = child(root, 'bridge');
  const stpGiven = bridgeNode?.attributes.some((a) => a.name === 'stp' && a.value !== '') ?? false;
  switch (mode) {
    case 'none':
      break;
    case 'route':
    case 'nat':
    case 'open':
      if (def.ips.length === 0) ctx.fail(at('forward'), m.xmlError(`${mode} forwarding requested, but no IP address provided for network '${net}'`));
      if (ifCount > 1) ctx.fail(at('forward'), m.xmlError(`multiple forwarding interfaces specified for network '${net}', only one is supported`));
      if (mode === 'open' && ifCount > 0) ctx.fail(at('forward'), m.xmlError(`forward dev not allowed for network '${net}' with forward mode='${mode}'`));
      break;
    default:
      if (mode !== 'bridge') {
        if (def.bridge?.name !== undefined) ctx.fail(at('bridge'), m.xmlError(`bridge name not allowed in ${mode} mode (network '${net}')`));
        if (def.bridge?.zone !== undefined) ctx.fail(at('bridge'), m.xmlError(`bridge zone not allowed in ${mode} mode (network '${net}')`));
        if (def.bridge?.macTableManager !== undefined) ctx.fail(at('bridge'), m.xmlError(`bridge macTableManager setting not allowed in ${mode} mode (network '${net}')`));
      }
      if (def.bridge?.delay || stpGiven || def.bridge?.zone !== undefined) {
        ctx.fail(at('bridge'), m.xmlError(`bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in ${mode} (network '${net}')`));
      }
      if (def.bridge?.name !== undefined && (ifCount > 0 || forward?.pf)) {
        ctx.fail(at('bridge'), m.xmlError(`A network with forward mode='${mode}' can specify a bridge name or a forward dev, but not both (network '${net}')`));
      }
  }
  if (def.mtu && !(mode === 'none' || mode === 'nat' || mode === 'route' || mode === 'open')) {
    ctx.fail(at('mtu'), m.xmlError(`mtu size only allowed in open, route, nat, and isolated mode, not in ${mode} (network '${net}')`));
  }
}
