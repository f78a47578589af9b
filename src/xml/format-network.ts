import { parseLibvirtVersion } from '../model/libvirt-profile.js';
import { hasManagedBridge, type NetworkDef, type NetworkForwardDef } from '../model/network-def.js';
import { formatMetadata } from './format-metadata.js';
import { formatBandwidth, formatVirtualPort, formatVlan } from './format-netdev.js';
import { formatDns } from './format-network-dns.js';
import { formatIp } from './format-network-ip.js';
import { finishFormatted } from './indent-formatted.js';
import { DNSMASQ_NAMESPACE } from './network-vocabulary.js';
import { XmlBuffer } from './xml-buffer.js';

/** Options of formatNetwork. */
export interface FormatNetworkOptions {
  /**
   * `<network connections='N'>`, printed only when N > 0 (live format).
   * @default 0
   */
  readonly connections?: number;
  /**
   * The libvirt release whose formatter to follow: `<title>`/`<description>` are printed from
   * 9.7, `<domain register=...>` from 10.1; older releases do not know them.
   * @default '9.0'
   */
  readonly version?: string;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

// The <forward> element (virNetworkDefFormatBuf, live format).
function formatForward(buf: XmlBuffer, forward: NetworkForwardDef): void {
  const nat = forward.nat;
  const dev = forward.pf ? undefined : forward.interfaces[0]?.dev;
  let open = '<forward';
  buf.add(open);
  buf.addEscaped(" dev='%s'", dev);
  open = ` mode='${forward.mode}'`;
  if (forward.mode === 'hostdev') open += forward.managed ? " managed='yes'" : " managed='no'";
  const hasNat = forward.mode === 'nat' && nat !== undefined;
  const short = !(forward.interfaces.length || forward.addresses.length || forward.pf || forward.driver ||
    (hasNat && (nat.addressStart || nat.addressEnd || nat.portStart || nat.portEnd || nat.ipv6)));
  buf.add(`${open}${short ? '/' : ''}>\n`);
  buf.adjustIndent(2);
  if (forward.driver) buf.add(`<driver name='${forward.driver}'/>\n`);
  if (hasNat && (nat.addressStart || nat.addressEnd || nat.portStart || nat.portEnd || nat.ipv6)) {
    // virNetworkForwardNatDefFormat
    buf.add(`<nat${nat.ipv6 ? ` ipv6='${nat.ipv6}'` : ''}`);
    if (!(nat.addressStart || nat.addressEnd || nat.portStart || nat.portEnd)) {
      buf.add('/>\n');
    } else {
      buf.add('>\n');
      buf.adjustIndent(2);
      if (nat.addressStart) buf.add(`<address start='${nat.addressStart}'${nat.addressEnd ? ` end='${nat.addressEnd}'` : ''}/>\n`);
      if (nat.portStart || nat.portEnd) buf.add(`<port start='${nat.portStart ?? 0}'${nat.portEnd ? ` end='${nat.portEnd}'` : ''}/>\n`);
      buf.adjustIndent(-2);
      buf.add('</nat>\n');
    }
  }
  buf.addEscaped("<pf dev='%s'/>\n", forward.pf?.dev);
  for (const iface of forward.interfaces) {
    buf.addEscaped("<interface dev='%s'", iface.dev);
    if (iface.connections && iface.connections > 0) buf.add(` connections='${iface.connections}'`);
    buf.add('/>\n');
  }
  for (const a of forward.addresses) {
    // virPCIDeviceAddressFormat prints the function as 0x%d.
    buf.add(`<address type='pci' domain='0x${hex(a.domain, 4)}' bus='0x${hex(a.bus, 2)}' slot='0x${hex(a.slot, 2)}' function='0x${a.function}'/>\n`);
  }
  buf.adjustIndent(-2);
  if (!short) buf.add('</forward>\n');
}

/** Writes `<network>` into a buffer, as virNetworkDefFormatBuf(buf, def, xmlopt, 0) does. */
export function formatNetworkInto(buf: XmlBuffer, def: NetworkDef, options: FormatNetworkOptions = {}): void {
  const [major, minor] = parseLibvirtVersion(options.version ?? '9.0');
  const since = (ma: number, mi: number) => major > ma || (major === ma && minor >= mi);
  let open = '<network';
  if (def.dnsmasqOptions?.length) open += ` xmlns:dnsmasq='${DNSMASQ_NAMESPACE}'`;
  if (options.connections && options.connections > 0) open += ` connections='${options.connections}'`;
  if (def.ipv6) open += " ipv6='yes'";
  if (def.trustGuestRxFilters) open += ` trustGuestRxFilters='${def.trustGuestRxFilters}'`;
  buf.add(`${open}>\n`);
  buf.adjustIndent(2);
  buf.addEscaped('<name>%s</name>\n', def.name);
  buf.add(`<uuid>${def.uuid ?? '00000000-0000-0000-0000-000000000000'}</uuid>\n`);
  if (since(9, 7)) {
    buf.addEscaped('<title>%s</title>\n', def.title);
    buf.addEscaped('<description>%s</description>\n', def.description);
  }
  formatMetadata(buf, def.metadata);
  if (def.forward) formatForward(buf, def.forward);
  const hasBridge = hasManagedBridge(def);
  const bridge = def.bridge;
  if (hasBridge || bridge?.name !== undefined || bridge?.macTableManager) {
    buf.add('<bridge');
    buf.addEscaped(" name='%s'", bridge?.name);
    buf.addEscaped(" zone='%s'", bridge?.zone);
    if (hasBridge) buf.add(` stp='${bridge?.stp === false ? 'off' : 'on'}' delay='${bridge?.delay ?? 0}'`);
    if (bridge?.macTableManager) buf.add(` macTableManager='${bridge.macTableManager}'`);
    buf.add('/>\n');
  }
  if (def.mtu) buf.add(`<mtu size='${def.mtu}'/>\n`);
  if (def.mac) buf.add(`<mac address='${def.mac}'/>\n`);
  if (def.domain?.name !== undefined) {
    let text = `<domain name='${def.domain.name}'`;
    if (def.domain.localOnly) text += ` localOnly='${def.domain.localOnly}'`;
    if (def.domain.register && since(10, 1)) text += ` register='${def.domain.register}'`;
    buf.add(`${text}/>\n`);
  }
  formatDns(buf, def.dns);
  formatVlan(buf, def.vlan);
  formatBandwidth(buf, def.bandwidth);
  if (def.isolatedPort) buf.add(`<port isolated='${def.isolatedPort}'/>\n`);
  for (const ip of def.ips) formatIp(buf, ip);
  for (const r of def.routes) {
    let text = '<route';
    if (r.family) text += ` family='${r.family}'`;
    text += ` address='${r.address}'`;
    if (r.netmask) text += ` netmask='${r.netmask}'`;
    if (r.prefix !== undefined) text += ` prefix='${r.prefix}'`;
    text += ` gateway='${r.gateway}'`;
    if (r.metric) text += ` metric='${r.metric}'`;
    buf.add(`${text}/>\n`);
  }
  formatVirtualPort(buf, def.virtualport);
  for (const pg of def.portgroups) {
    // virPortGroupDefFormat: always an open and a close tag, and the name is not escaped.
    let text = `<portgroup name='${pg.name}'`;
    if (pg.isDefault) text += " default='yes'";
    if (pg.trustGuestRxFilters) text += ` trustGuestRxFilters='${pg.trustGuestRxFilters}'`;
    buf.add(`${text}>\n`);
    buf.adjustIndent(2);
    formatVlan(buf, pg.vlan);
    formatVirtualPort(buf, pg.virtualport);
    formatBandwidth(buf, pg.bandwidth);
    buf.adjustIndent(-2);
    buf.add('</portgroup>\n');
  }
  if (def.dnsmasqOptions?.length) {
    buf.add('<dnsmasq:options>\n');
    buf.adjustIndent(2);
    for (const value of def.dnsmasqOptions) buf.addEscaped("<dnsmasq:option value='%s'/>\n", value);
    buf.adjustIndent(-2);
    buf.add('</dnsmasq:options>\n');
  }
  buf.adjustIndent(-2);
  buf.add('</network>\n');
}

/**
 * The live XML of a network (virNetworkDefFormat with flags 0) at indent 0, ending with a
 * newline: what networkRunHook puts inside `<hookData>`.
 */
export function formatNetwork(def: NetworkDef, options: FormatNetworkOptions = {}): string {
  const buf = new XmlBuffer();
  formatNetworkInto(buf, def, options);
  return finishFormatted(buf);
}
