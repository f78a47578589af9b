import type { DeviceAddress, DeviceInfo, DevicePciAddress } from '../model/domain-device-def.js';
import { parseCInteger } from './c-integer.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { child, prop, type ParseContext } from './parse-context.js';
import type { XmlElement } from './read-xml.js';

/** The children virDomainDeviceInfoParseXML reads (the rest belongs to the device). */
export const DEVICE_INFO_ELEMENTS: readonly string[] = ['alias', 'boot', 'rom', 'acpi', 'address'];

const PCI_LIMITS: ReadonlyArray<readonly [string, number, string]> = [
  ['domain', 0xffff, '0xFFFF'], ['bus', 0xff, '0xFF'], ['slot', 0x1f, '0x1F'], ['function', 7, '7'],
];

/** virPCIDeviceAddressParseXML + virPCIDeviceAddressIsValid(report). */
export function parsePciAddress(ctx: ParseContext, node: XmlElement): DevicePciAddress {
  const values: Record<string, number> = {};
  for (const [name, max, maxText] of PCI_LIMITS) {
    const text = prop(node, name);
    const value = text === undefined ? 0 : parseCInteger(text, 'uip', 0);
    if (value === null) {
      ctx.fail(node, m.xmlError(`Invalid value for attribute '${name}' in element 'address': '${text}'. Expected non-negative integer value`));
    }
    if (value > max) ctx.fail(node, m.xmlError(`Invalid PCI address ${name}='0x${value.toString(16)}', must be <= ${maxText}`));
    values[name] = value;
  }
  const multi = prop(node, 'multifunction');
  if (multi !== undefined && multi !== 'on' && multi !== 'off') {
    ctx.fail(node, m.xmlError(`Invalid value for attribute 'multifunction' in element 'address': '${multi}'.`));
  }
  return { type: 'pci', domain: values.domain!, bus: values.bus!, slot: values.slot!, function: values.function!, multifunction: multi ?? null };
}

/** virDomainDeviceAddressParseXML: PCI addresses are parsed, other types kept as written. */
export function parseDeviceAddress(ctx: ParseContext, node: XmlElement): DeviceAddress {
  const type = prop(node, 'type');
  if (type === undefined) ctx.fail(node, m.xmlError("Missing required attribute 'type' in element 'address'"));
  if (type === 'pci') return parsePciAddress(ctx, node);
  return { type, attributes: node.attributes.filter((a) => a.name !== 'type').map((a) => [a.name, a.value] as const) };
}

/**
 * virDomainDeviceInfoParseXML for a definition (VIR_DOMAIN_DEF_PARSE_INACTIVE): only user
 * aliases (`ua-...`) are kept, `<boot>` and `<rom>` only where the device allows them. A status
 * file's definition keeps every alias.
 */
export function parseDeviceInfo(ctx: ParseContext, node: XmlElement, allow: { boot?: boolean; rom?: boolean } = {}): DeviceInfo {
  const alias = prop(child(node, 'alias'), 'name');
  const info: { -readonly [K in keyof DeviceInfo]: DeviceInfo[K] } = {
    alias: alias !== undefined && (ctx.status || /^ua-[A-Za-z0-9_-]+$/.test(alias)) ? alias : null,
    address: null,
  };
  const boot = child(node, 'boot');
  if (allow.boot && boot) {
    const text = prop(boot, 'order');
    const order = text === undefined ? null : parseCInteger(text, 'uip');
    if (!order) ctx.fail(boot, m.xmlError(`Invalid value for attribute 'order' in element 'boot': '${text ?? ''}'. Expected non-negative integer value`));
    info.bootOrder = order;
    info.loadparm = prop(boot, 'loadparm')?.toUpperCase() ?? null;
  }
  const rom = child(node, 'rom');
  if (allow.rom && rom) {
    const enabled = prop(rom, 'enabled');
    const bar = prop(rom, 'bar');
    if (enabled !== undefined && enabled !== 'yes' && enabled !== 'no') ctx.fail(rom, m.xmlError(`Invalid value for attribute 'enabled' in element 'rom': '${enabled}'.`));
    if (bar !== undefined && bar !== 'on' && bar !== 'off') ctx.fail(rom, m.xmlError(`Invalid value for attribute 'bar' in element 'rom': '${bar}'.`));
    const file = prop(rom, 'file') ?? null;
    if (enabled === 'no' && (bar !== undefined || file !== null)) ctx.fail(rom, m.configUnsupported('ROM tuning is not supported when ROM is disabled'));
    info.rom = { enabled: (enabled as 'yes' | 'no' | undefined) ?? null, bar: (bar as 'on' | 'off' | undefined) ?? null, file };
  }
  const acpi = child(node, 'acpi');
  const index = prop(acpi, 'index');
  if (acpi && index !== undefined) {
    const value = parseCInteger(index, 'uip');
    if (!value) ctx.fail(acpi, m.xmlError(`Invalid value for attribute 'index' in element 'acpi': '${index}'. Expected non-negative integer value`));
    info.acpiIndex = value;
  }
  const address = child(node, 'address');
  if (address) info.address = parseDeviceAddress(ctx, address);
  return info;
}
