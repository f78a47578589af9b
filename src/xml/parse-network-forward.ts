import type { ForwardMode, NetworkForwardDef, NetworkNatDef, PciAddress } from '../model/network-def.js';
import { addressRangeError } from './address-range-error.js';
import { parseCInteger } from './c-integer.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { children, prop, xpathProp, type ParseContext } from './parse-context.js';
import { tristate } from './parse-network-dns.js';
import type { XmlElement } from './read-xml.js';
import { formatSocketAddress, parseSocketAddress } from './socket-address.js';

const MODES: readonly (ForwardMode | 'none')[] = ['none', 'nat', 'route', 'open', 'bridge', 'private', 'vepa', 'passthrough', 'hostdev'];

// virNetworkForwardNatDefParseXML
function parseNat(ctx: ParseContext, net: string, mode: ForwardMode | 'none', node: XmlElement): NetworkNatDef {
  if (mode !== 'nat') ctx.fail(node, m.xmlError(`The <nat> element can only be used when <forward> 'mode' is 'nat' in network ${net}`));
  const ipv6 = tristate(ctx, node, 'ipv6');
  const addrs = children(node, 'address');
  if (addrs.length > 1) ctx.fail(addrs[1]!, m.xmlError(`Only one <address> element is allowed in <nat> in <forward> in network ${net}`));
  let startText: string | undefined;
  let endText: string | undefined;
  if (addrs[0]) {
    startText = prop(addrs[0], 'start');
    if (startText === undefined) ctx.fail(addrs[0], m.xmlError(`missing 'start' attribute in <address> element in <nat> in <forward> in network ${net}`));
    endText = prop(addrs[0], 'end');
    if (endText === undefined) ctx.fail(addrs[0], m.xmlError(`missing 'end' attribute in <address> element in <nat> in <forward> in network ${net}`));
  }
  const start = startText === undefined ? undefined : parseSocketAddress(startText, 4) ?? ctx.fail(addrs[0]!, m.xmlError(`Bad ipv4 start address '${startText}' in <nat> in <forward> in network '${net}'`));
  const end = endText === undefined ? undefined : parseSocketAddress(endText, 4) ?? ctx.fail(addrs[0]!, m.xmlError(`Bad ipv4 end address '${endText}' in <nat> in <forward> in network '${net}'`));
  if (start && end) {
    const error = addressRangeError(start, end);
    if (error) ctx.fail(addrs[0]!, error);
  }
  const nat: { -readonly [K in keyof NetworkNatDef]: NetworkNatDef[K] } = {};
  if (ipv6) nat.ipv6 = ipv6;
  if (start && end) Object.assign(nat, { addressStart: formatSocketAddress(start), addressEnd: formatSocketAddress(end) });
  const ports = children(node, 'port');
  if (ports.length > 1) ctx.fail(ports[1]!, m.xmlError(`Only one <port> element is allowed in <nat> in <forward> in network ${net}`));
  if (ports[0]) {
    const port = (attr: string) => {
      const text = xpathProp(ports[0], attr);
      return text === undefined ? null : parseCInteger(text, 'uip');
    };
    const portStart = port('start');
    if (portStart === null || portStart > 65535) ctx.fail(ports[0], `Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network ${net}`);
    const portEnd = port('end');
    if (portEnd === null || portEnd > 65535 || portEnd < portStart) ctx.fail(ports[0], `Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network ${net}`);
    if (portStart) nat.portStart = portStart;
    if (portEnd) nat.portEnd = portEnd;
  }
  return nat;
}

// virPCIDeviceAddressParseXML, then virPCIDeviceAddressIsValid.
function parsePciAddress(ctx: ParseContext, node: XmlElement): PciAddress {
  const field = (name: string) => {
    const text = prop(node, name);
    if (text === undefined) return 0;
    const value = parseCInteger(text, 'uip', 0);
    if (value === null) ctx.fail(node, m.xmlError(`Invalid value for attribute '${name}' in element 'address': '${text}'. Expected non-negative integer value`));
    return value;
  };
  const addr = { domain: field('domain'), bus: field('bus'), slot: field('slot'), function: field('function') };
  const multi = prop(node, 'multifunction');
  if (multi !== undefined && multi !== 'on' && multi !== 'off') ctx.fail(node, m.xmlError(`Invalid value for attribute 'multifunction' in element 'address': '${multi}'.`));
  if (addr.domain || addr.bus || addr.slot) {
    if (addr.bus > 0xff) ctx.fail(node, m.xmlError(`Invalid PCI address bus='0x${addr.bus.toString(16)}', must be <= 0xFF`));
    if (addr.slot > 0x1f) ctx.fail(node, m.xmlError(`Invalid PCI address slot='0x${addr.slot.toString(16)}', must be <= 0x1F`));
    if (addr.function > 7) ctx.fail(node, m.xmlError(`Invalid PCI address function=0x${addr.function.toString(16)}, must be <= 7`));
  }
  return addr;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** virNetworkForwardDefParseXML; undefined for `mode='none'` (an isolated network). */
export function parseForward(ctx: ParseContext, net: string, node: XmlElement): NetworkForwardDef | undefined {
  const modeText = xpathProp(node, 'mode');
  const mode = modeText === undefined ? 'nat' : MODES.find((m) => m === modeText);
  if (mode === undefined) ctx.fail(node, m.configUnsupported(`unknown forwarding type '${modeText}'`));
  const managed = xpathProp(node, 'managed')?.toLowerCase() === 'yes';
  const driverText = xpathProp(children(node, 'driver')[0], 'name');
  if (driverText !== undefined && driverText !== 'kvm' && driverText !== 'vfio') {
    ctx.fail(node, m.configUnsupported(`Unknown forward <driver name='${driverText}'/> in network ${net}`));
  }
  const ifNodes = children(node, 'interface');
  const addrNodes = children(node, 'address');
  const pfNodes = children(node, 'pf');
  const natNodes = children(node, 'nat');
  if (natNodes.length > 1) ctx.fail(natNodes[1]!, m.xmlError(`Only one <nat> element is allowed in <forward> of network ${net}`));
  const nat = natNodes[0] ? parseNat(ctx, net, mode, natNodes[0]) : undefined;
  const dev = xpathProp(node, 'dev');
  // libvirt passes no argument for this %s, so the message really ends in "network %s".
  if (dev !== undefined && (addrNodes.length > 0 || pfNodes.length > 0)) {
    ctx.fail(node, m.xmlError('the <forward> \'dev\' attribute cannot be used when <address> or <pf> sub-elements are present in network %s'));
  }
  const interfaces: { dev: string; connections?: number }[] = dev === undefined ? [] : [{ dev }];
  const addresses: PciAddress[] = [];
  let pf: NetworkForwardDef['pf'];
  if (ifNodes.length > 0 || dev !== undefined) {
    ifNodes.forEach((ifNode, i) => {
      const ifDev = prop(ifNode, 'dev');
      if (ifDev === undefined) ctx.fail(ifNode, m.xmlError(`Missing required dev attribute in <forward> <interface> element of network ${net}`));
      if (i === 0 && dev !== undefined) {
        if (ifDev !== dev) ctx.fail(ifNode, m.xmlError(`<forward dev='${dev}'> must match first <interface dev='${ifDev}'/> in network ${net}`));
        return;
      }
      if (interfaces.some((x) => x.dev === ifDev)) ctx.fail(ifNode, m.xmlError(`interface '${ifDev}' can only be listed once in network ${net}`));
      interfaces.push({ dev: ifDev });
    });
  } else if (addrNodes.length > 0) {
    for (const addrNode of addrNodes) {
      const type = prop(addrNode, 'type');
      if (type === undefined) ctx.fail(addrNode, m.xmlError(`missing address type in network ${net}`));
      if (!['none', 'pci', 'netdev'].includes(type)) ctx.fail(addrNode, m.configUnsupported(`unknown address type '${type}' in network ${net}`));
      if (type !== 'pci') ctx.fail(addrNode, m.xmlError(`unsupported address type '${type}' in network ${net}`));
      const addr = parsePciAddress(ctx, addrNode);
      if (addresses.some((a) => a.domain === addr.domain && a.bus === addr.bus && a.slot === addr.slot && a.function === addr.function)) {
        ctx.fail(addrNode, m.xmlError(`PCI device '${hex(addr.domain, 4)}:${hex(addr.bus, 2)}:${hex(addr.slot, 2)}.${addr.function.toString(16)}' can only be listed once in network ${net}`));
      }
      addresses.push(addr);
    }
  } else if (pfNodes.length > 1) {
    ctx.fail(pfNodes[1]!, m.xmlError(`Only one <pf> element is allowed in <forward> of network ${net}`));
  } else if (pfNodes[0]) {
    const pfDev = prop(pfNodes[0], 'dev');
    if (pfDev === undefined) ctx.fail(pfNodes[0], m.xmlError(`Missing required dev attribute in <pf> element of network '${net}'`));
    pf = { dev: pfDev };
  }
  if (mode === 'none') return undefined;
  const forward: { -readonly [K in keyof NetworkForwardDef]: NetworkForwardDef[K] } = { mode, interfaces, addresses };
  if (managed) forward.managed = true;
  if (driverText) forward.driver = driverText as 'kvm' | 'vfio';
  if (pf) forward.pf = pf;
  if (nat && Object.keys(nat).length > 0) forward.nat = nat;
  return forward;
}
