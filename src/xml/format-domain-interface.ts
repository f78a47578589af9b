import { actualNetType, type DomainNetDef } from '../model/domain-net-def.js';
import type { VerbatimElement } from '../model/verbatim-element.js';
import { escapeXmlString } from './escape-xml-string.js';
import { formatDeviceInfo } from './format-domain-device.js';
import { formatBandwidth, formatVirtualPort, formatVlan } from './format-netdev.js';
import { formatVerbatim } from './format-verbatim.js';
import { finishFormatted } from './indent-formatted.js';
import { XmlBuffer } from './xml-buffer.js';

/** Formatting choices the caller derives from the domain. */
export interface FormatInterfaceOptions {
  /** VIR_DOMAIN_DEF_FORMAT_INACTIVE (a domain whose id is -1): no actual device, portid or generated tap name. */
  readonly inactive: boolean;
  /** The driver's own generated-name prefix (xmlopt netPrefix), besides vnet/macvtap/macvlan. */
  readonly netPrefix?: string;
  /**
   * VIR_DOMAIN_DEF_FORMAT_STATUS | ACTUAL_NET (a status file): the configured source stays and
   * the actual device follows in an `<actual>` subelement, with its tc class.
   * @default false
   */
  readonly status?: boolean;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

// virDomainNetDefFormat: where the kept children go relative to the modelled ones.
const BEFORE_TARGET = ['ip', 'route', 'portForward', 'script', 'downscript', 'backenddomain'];
const BEFORE_MODEL = ['guest'];
const AFTER_MODEL = ['driver', 'backend', 'filterref', 'tune', 'teaming', 'link', 'mtu', 'coalesce'];

function extras(buf: XmlBuffer, iface: DomainNetDef, names: readonly string[]): void {
  for (const name of names) for (const el of iface.extras) if (el.name === name) formatVerbatim(buf, el);
}

/**
 * virDomainActualNetDefContentsFormat: the port's view, replacing the config (publicActual) or
 * inside `<actual>` (inSubelement: no network/portgroup/portid, and the tc class of a status file).
 */
function formatActualContents(buf: XmlBuffer, iface: DomainNetDef, inSubelement = false): void {
  const actual = iface.actual!;
  if (actual.type === 'hostdev' && actual.hostdev) {
    const a = actual.hostdev.address;
    if (actual.hostdev.driver) buf.add(`<driver name='${actual.hostdev.driver}'/>\n`);
    buf.add('<source>\n');
    buf.adjustIndent(2);
    buf.add(`<address type='pci' domain='0x${hex(a.domain, 4)}' bus='0x${hex(a.bus, 2)}' slot='0x${hex(a.slot, 2)}' function='0x${a.function}'/>\n`);
    buf.adjustIndent(-2);
    buf.add('</source>\n');
  } else {
    let text = '<source';
    if (iface.source?.kind === 'network' && !inSubelement) {
      text += ` network='${escapeXmlString(iface.source.network)}'`;
      if (iface.source.portgroup !== null) text += ` portgroup='${escapeXmlString(iface.source.portgroup)}'`;
      if (iface.source.portid !== null) text += ` portid='${iface.source.portid}'`;
    }
    if (actual.type === 'bridge' || actual.type === 'network') {
      if (actual.bridge !== null) text += ` bridge='${escapeXmlString(actual.bridge)}'`;
      if (actual.macTableManager) text += ` macTableManager='${actual.macTableManager}'`;
    } else if (actual.type === 'direct' && actual.direct) {
      text += ` dev='${escapeXmlString(actual.direct.dev)}' mode='${actual.direct.mode}'`;
    }
    buf.add(`${text}/>\n`);
  }
  if (inSubelement && actual.classId) buf.add(`<class id='${actual.classId}'/>\n`);
  formatVlan(buf, actual.vlan ?? undefined);
  formatVirtualPort(buf, actual.virtualport ?? undefined);
  formatBandwidth(buf, actual.bandwidth ?? undefined, 0);
  if (actual.isolatedPort) buf.add(`<port isolated='${actual.isolatedPort}'/>\n`);
}

/** The configured `<source>` and the interface's own vlan/virtualport/bandwidth/port. */
function formatConfigContents(buf: XmlBuffer, iface: DomainNetDef, inactive: boolean): void {
  const source = iface.source;
  if (source?.kind === 'verbatim') {
    for (const el of source.elements) formatVerbatim(buf, el as VerbatimElement);
  } else if (source) {
    let text = '<source';
    if (source.kind === 'network') {
      text += ` network='${escapeXmlString(source.network)}'`;
      if (source.portgroup !== null) text += ` portgroup='${escapeXmlString(source.portgroup)}'`;
      if (source.portid !== null && !inactive) text += ` portid='${source.portid}'`;
    } else if (source.kind === 'bridge') {
      text += ` bridge='${escapeXmlString(source.bridge)}'`;
    } else {
      text += ` dev='${escapeXmlString(source.dev)}' mode='${source.mode}'`;
    }
    buf.add(`${text}/>\n`);
  }
  formatVlan(buf, iface.vlan ?? undefined);
  formatVirtualPort(buf, iface.virtualport ?? undefined);
  formatBandwidth(buf, iface.bandwidth ?? undefined, 0);
  if (iface.isolatedPort) buf.add(`<port isolated='${iface.isolatedPort}'/>\n`);
}

/** virDomainActualNetDefFormat: the status file's `<actual>` (the interface's rx filter trust goes on it). */
function formatActual(buf: XmlBuffer, iface: DomainNetDef): void {
  const actual = iface.actual!;
  let open = `<actual type='${actual.type}'`;
  if (actual.type === 'hostdev' && actual.hostdev?.managed) open += " managed='yes'";
  if (iface.trustGuestRxFilters) open += ` trustGuestRxFilters='${iface.trustGuestRxFilters}'`;
  buf.add(`${open}>\n`);
  buf.adjustIndent(2);
  formatActualContents(buf, iface, true);
  buf.adjustIndent(-2);
  buf.add('</actual>\n');
}

/** Whether a tap name is one libvirt generated (hidden from inactive XML). */
function generatedName(dev: string, prefix: string | undefined): boolean {
  return ['vnet', 'macvtap', 'macvlan', ...(prefix ? [prefix] : [])].some((p) => dev.startsWith(p));
}

/** Writes `<interface>` as virDomainNetDefFormat does. */
export function formatDomainInterfaceInto(buf: XmlBuffer, iface: DomainNetDef, options: FormatInterfaceOptions): void {
  const publicActual = iface.type === 'network' && iface.actual !== null && !options.inactive && !options.status;
  const type = publicActual ? actualNetType(iface) : iface.type;
  const managed = publicActual ? iface.actual?.hostdev?.managed === true : iface.type === 'hostdev' && iface.managed;
  let open = `<interface type='${type}'`;
  if (managed) open += " managed='yes'";
  if (iface.trustGuestRxFilters) open += ` trustGuestRxFilters='${iface.trustGuestRxFilters}'`;
  buf.add(`${open}>\n`);
  buf.adjustIndent(2);
  buf.add(`<mac address='${iface.mac ?? ''}'${iface.macAttributes.map(([k, v]) => ` ${k}='${escapeXmlString(v)}'`).join('')}/>\n`);
  if (publicActual) formatActualContents(buf, iface);
  else formatConfigContents(buf, iface, options.inactive);
  if (options.status && iface.type === 'network' && iface.actual !== null) formatActual(buf, iface);
  extras(buf, iface, BEFORE_TARGET);
  let target = '';
  const dev = iface.target.dev;
  if (dev !== null && (iface.target.managed === 'no' || !(options.inactive && generatedName(dev, options.netPrefix)))) {
    target += ` dev='${escapeXmlString(dev)}'`;
  }
  if (iface.target.managed) target += ` managed='${iface.target.managed}'`;
  if (target) buf.add(`<target${target}/>\n`);
  extras(buf, iface, BEFORE_MODEL);
  if (iface.model !== null) buf.add(`<model type='${escapeXmlString(iface.model)}'/>\n`);
  extras(buf, iface, AFTER_MODEL);
  formatDeviceInfo(buf, iface.info);
  buf.adjustIndent(-2);
  buf.add('</interface>\n');
}

/**
 * A guest `<interface>` at indent 0, ending with a newline (the old era's network hook stdin
 * carries it; live format unless `inactive`).
 */
export function formatDomainInterface(iface: DomainNetDef, options: FormatInterfaceOptions = { inactive: false }): string {
  const buf = new XmlBuffer();
  formatDomainInterfaceInto(buf, iface, options);
  return finishFormatted(buf);
}
