import { DOMAIN_CHILD_ORDER, FEATURE_ORDER, OS_CHILD_ORDER, type DomainCpuDef, type DomainDef, type DomainSecLabel } from '../model/domain-def.js';
import { DEVICE_FORMAT_ORDER } from '../model/domain-device-def.js';
import { escapeXmlString } from './escape-xml-string.js';
import { formatDomainDevice } from './format-domain-device.js';
import { formatDomainInterfaceInto } from './format-domain-interface.js';
import { formatMetadata } from './format-metadata.js';
import { appendBuffer, formatVerbatim } from './format-verbatim.js';
import { finishFormatted } from './indent-formatted.js';
import { XmlBuffer } from './xml-buffer.js';

/** virCPUDefFormatBufFull for a guest CPU. */
function formatCpu(buf: XmlBuffer, cpu: DomainCpuDef): void {
  let open = '<cpu';
  const mode = cpu.mode ?? 'custom';
  if (mode !== 'custom' || cpu.model) open += ` mode='${mode}'`;
  if (cpu.match && mode === 'custom' && cpu.model) open += ` match='${cpu.match}'`;
  if (cpu.check) open += ` check='${cpu.check}'`;
  if (cpu.migratable) open += ` migratable='${cpu.migratable}'`;
  const child = new XmlBuffer(buf.getIndent() + 2);
  if (cpu.model) {
    let model = '<model';
    if (mode === 'custom' && cpu.model.fallback) model += ` fallback='${cpu.model.fallback}'`;
    if (cpu.model.vendorId) model += ` vendor_id='${escapeXmlString(cpu.model.vendorId)}'`;
    child.add(`${model}>${escapeXmlString(cpu.model.name)}</model>\n`);
  }
  if (cpu.vendor) child.add(`<vendor>${escapeXmlString(cpu.vendor)}</vendor>\n`);
  for (const name of ['topology', 'cache', 'maxphysaddr']) for (const el of cpu.others) if (el.name === name) formatVerbatim(child, el);
  for (const f of cpu.features) child.add(`<feature${f.policy ? ` policy='${f.policy}'` : ''} name='${escapeXmlString(f.name)}'/>\n`);
  for (const el of cpu.others) if (!['topology', 'cache', 'maxphysaddr'].includes(el.name)) formatVerbatim(child, el);
  if (child.content() === '') {
    buf.add(`${open}/>\n`);
    return;
  }
  buf.add(`${open}>\n`);
  appendBuffer(buf, child);
  buf.add('</cpu>\n');
}

/** virSecurityLabelDefFormat. */
function formatSecLabel(buf: XmlBuffer, label: DomainSecLabel): void {
  let open = `<seclabel type='${label.type}'`;
  if (label.model !== null) open += ` model='${escapeXmlString(label.model)}'`;
  if (label.type === 'none') {
    buf.add(`${open}/>\n`);
    return;
  }
  open += ` relabel='${label.relabel ? 'yes' : 'no'}'`;
  if (label.label === null && label.imagelabel === null && label.baselabel === null) {
    buf.add(`${open}/>\n`);
    return;
  }
  buf.add(`${open}>\n`);
  buf.adjustIndent(2);
  buf.addEscaped('<label>%s</label>\n', label.label ?? undefined);
  if (label.relabel) buf.addEscaped('<imagelabel>%s</imagelabel>\n', label.imagelabel ?? undefined);
  if (label.type === 'dynamic') buf.addEscaped('<baselabel>%s</baselabel>\n', label.baselabel ?? undefined);
  buf.adjustIndent(-2);
  buf.add('</seclabel>\n');
}

function formatOs(buf: XmlBuffer, def: DomainDef): void {
  const os = def.os;
  buf.add(`<os${os.firmware ? ` firmware='${os.firmware}'` : ''}>\n`);
  buf.adjustIndent(2);
  let type = '<type';
  if (os.arch) type += ` arch='${os.arch}'`;
  if (os.machine) type += ` machine='${escapeXmlString(os.machine)}'`;
  // virDomainDefFormatInternal: Xen paravirt guests print the historical 'linux'.
  buf.add(`${type}>${def.type === 'xen' && os.type === 'xen' ? 'linux' : os.type}</type>\n`);
  for (const name of OS_CHILD_ORDER) {
    if (name === 'init') buf.addEscaped('<init>%s</init>\n', os.init ?? undefined);
    else if (name === 'boot') for (const dev of os.bootDevs) buf.add(`<boot dev='${dev}'/>\n`);
    else for (const el of os.others) if (el.name === name) formatVerbatim(buf, el);
  }
  buf.adjustIndent(-2);
  buf.add('</os>\n');
}

/** Options of formatDomain. */
export interface FormatDomainOptions {
  /**
   * The status file's form (VIR_DOMAIN_DEF_FORMAT_STATUS | ACTUAL_NET): network interfaces keep
   * their configured source and carry their actual device in `<actual>`.
   * @default false
   */
  readonly status?: boolean;
}

function formatDevices(buf: XmlBuffer, def: DomainDef, status: boolean): void {
  const inactive = def.id === null;
  const netPrefix = def.type === 'lxc' ? 'veth' : def.type === 'xen' ? 'vif' : undefined;
  buf.add('<devices>\n');
  buf.adjustIndent(2);
  buf.addEscaped('<emulator>%s</emulator>\n', def.emulator ?? undefined);
  for (const kind of DEVICE_FORMAT_ORDER) {
    for (const device of def.devices) {
      if (device.kind !== kind) continue;
      if (device.kind === 'interface') formatDomainInterfaceInto(buf, device, { inactive, status, ...(netPrefix ? { netPrefix } : {}) });
      else formatDomainDevice(buf, device);
    }
  }
  buf.adjustIndent(-2);
  buf.add('</devices>\n');
}

function formatChild(buf: XmlBuffer, def: DomainDef, name: string, status: boolean): void {
  switch (name) {
    case 'name': buf.addEscaped('<name>%s</name>\n', def.name); return;
    case 'uuid': if (def.uuid) buf.add(`<uuid>${def.uuid}</uuid>\n`); return;
    case 'title': buf.addEscaped('<title>%s</title>\n', def.title ?? undefined); return;
    case 'description': buf.addEscaped('<description>%s</description>\n', def.description ?? undefined); return;
    case 'metadata': formatMetadata(buf, def.metadata ?? undefined); return;
    case 'memory':
      buf.add(`<memory${def.memoryDumpCore ? ` dumpCore='${def.memoryDumpCore}'` : ''} unit='KiB'>${def.memoryKib ?? 0}</memory>\n`);
      return;
    case 'currentMemory': buf.add(`<currentMemory unit='KiB'>${def.currentMemoryKib ?? def.memoryKib ?? 0}</currentMemory>\n`); return;
    case 'vcpu': {
      const v = def.vcpu ?? { count: 1, placement: 'static', cpuset: null, current: null };
      let open = `<vcpu placement='${v.placement ?? 'static'}'`;
      if (v.cpuset) open += ` cpuset='${escapeXmlString(v.cpuset)}'`;
      if (v.current !== null && v.current !== v.count) open += ` current='${v.current}'`;
      buf.add(`${open}>${v.count}</vcpu>\n`);
      return;
    }
    case 'os': formatOs(buf, def); return;
    case 'features':
      if (!def.features || def.features.length === 0) return;
      buf.add('<features>\n');
      buf.adjustIndent(2);
      for (const el of [...def.features].sort((a, b) => rank(FEATURE_ORDER, a.name) - rank(FEATURE_ORDER, b.name))) formatVerbatim(buf, el);
      buf.adjustIndent(-2);
      buf.add('</features>\n');
      return;
    case 'cpu': if (def.cpu) formatCpu(buf, def.cpu); return;
    case 'clock': if (def.clock) formatVerbatim(buf, def.clock); return;
    case 'on_poweroff': if (def.onPoweroff) buf.add(`<on_poweroff>${def.onPoweroff}</on_poweroff>\n`); return;
    case 'on_reboot': if (def.onReboot) buf.add(`<on_reboot>${def.onReboot}</on_reboot>\n`); return;
    case 'on_crash': if (def.onCrash) buf.add(`<on_crash>${def.onCrash}</on_crash>\n`); return;
    case 'devices': formatDevices(buf, def, status); return;
    case 'seclabel': for (const label of def.seclabels) formatSecLabel(buf, label); return;
    default: for (const el of def.others) if (el.name === name) formatVerbatim(buf, el);
  }
}

const rank = (order: readonly string[], name: string) => {
  const i = order.indexOf(name);
  return i === -1 ? order.length : i;
};

/**
 * A domain's XML as virDomainDefFormatInternal writes it (the stdin of qemu/lxc/libxl/bhyve
 * hooks): `id=` while the domain has one, live device state (actual network devices, portid,
 * tap names) unless the id is -1, elements in libvirt's order, two-space indentation and a
 * trailing newline.
 */
export function formatDomain(def: DomainDef, options: FormatDomainOptions = {}): string {
  const buf = new XmlBuffer();
  formatDomainInto(buf, def, options);
  return finishFormatted(buf);
}

/** Writes `<domain>` into a buffer at its indentation (virDomainDefFormatInternal into a caller's buffer). */
export function formatDomainInto(buf: XmlBuffer, def: DomainDef, options: FormatDomainOptions = {}): void {
  let open = `<domain type='${def.type}'`;
  if (def.id !== null) open += ` id='${def.id}'`;
  for (const [prefix, uri] of def.namespaces) open += ` xmlns:${prefix}='${escapeXmlString(uri)}'`;
  buf.add(`${open}>\n`);
  buf.adjustIndent(2);
  for (const name of DOMAIN_CHILD_ORDER) formatChild(buf, def, name, options.status ?? false);
  for (const el of def.extensions) formatVerbatim(buf, el);
  buf.adjustIndent(-2);
  buf.add('</domain>\n');
}
