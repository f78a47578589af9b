import type { DeviceAddress, DeviceInfo, DomainDevice } from '../model/domain-device-def.js';
import { isVerbatimElement, type VerbatimElement } from '../model/verbatim-element.js';
import { escapeXmlString } from './escape-xml-string.js';
import { appendBuffer, formatVerbatim } from './format-verbatim.js';
import { XmlBuffer } from './xml-buffer.js';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** The `<address>` element (virDomainDeviceInfoFormat's address part). */
export function formatAddress(buf: XmlBuffer, address: DeviceAddress | null): void {
  if (!address) return;
  if (address.type === 'pci' && 'domain' in address) {
    // The function is printed with 0x%d, not %x (virDomainDeviceInfoFormat).
    let text = `<address type='pci' domain='0x${hex(address.domain, 4)}' bus='0x${hex(address.bus, 2)}' slot='0x${hex(address.slot, 2)}' function='0x${address.function}'`;
    if (address.multifunction) text += ` multifunction='${address.multifunction}'`;
    buf.add(`${text}/>\n`);
    return;
  }
  const attributes = 'attributes' in address ? address.attributes : [];
  buf.add(`<address type='${escapeXmlString(address.type)}'${attributes.map(([k, v]) => ` ${k}='${escapeXmlString(v)}'`).join('')}/>\n`);
}

/** virDomainDeviceInfoFormat: boot order, alias, rom, acpi index, address. */
export function formatDeviceInfo(buf: XmlBuffer, info: DeviceInfo): void {
  if (info.bootOrder) buf.add(`<boot order='${info.bootOrder}'${info.loadparm ? ` loadparm='${info.loadparm}'` : ''}/>\n`);
  if (info.alias) buf.add(`<alias name='${escapeXmlString(info.alias)}'/>\n`);
  const rom = info.rom;
  if (rom && (rom.enabled || rom.bar || rom.file !== null)) {
    let text = '<rom';
    if (rom.enabled) text += ` enabled='${rom.enabled}'`;
    if (rom.bar) text += ` bar='${rom.bar}'`;
    if (rom.file !== null) text += ` file='${escapeXmlString(rom.file)}'`;
    buf.add(`${text}/>\n`);
  }
  if (info.acpiIndex) buf.add(`<acpi index='${info.acpiIndex}'/>\n`);
  formatAddress(buf, info.address);
}

const attrs = (list: ReadonlyArray<readonly [string, string]>) => list.map(([k, v]) => ` ${k}='${escapeXmlString(v)}'`).join('');

/** Writes `<name attrs>` + children + trailer + `</name>`, or `<name attrs/>` when there is nothing inside. */
function element(buf: XmlBuffer, open: string, name: string, body: (child: XmlBuffer) => void): void {
  const child = new XmlBuffer(buf.getIndent() + 2);
  body(child);
  if (child.content() === '') {
    buf.add(`${open}/>\n`);
    return;
  }
  buf.add(`${open}>\n`);
  appendBuffer(buf, child);
  buf.add(`</${name}>\n`);
}

const verbatimChildren = (child: XmlBuffer, children: readonly VerbatimElement[]) => {
  for (const c of children) formatVerbatim(child, c);
};

/**
 * One device other than `<interface>`: controllers (virDomainControllerDefFormat), inputs,
 * audio, memballoon (its `<driver>` comes after the device info) and the devices kept verbatim,
 * whose alias and address are written after their own children as virDomainDeviceInfoFormat is.
 */
export function formatDomainDevice(buf: XmlBuffer, device: Exclude<DomainDevice, { kind: 'interface' }>): void {
  switch (device.kind) {
    case 'controller': {
      const open = `<controller type='${device.type}' index='${device.index}'${device.model ? ` model='${device.model}'` : ''}${attrs(device.attributes)}`;
      element(buf, open, 'controller', (child) => { verbatimChildren(child, device.children); formatDeviceInfo(child, device.info); });
      return;
    }
    case 'input': {
      const open = `<input type='${device.type}'${device.bus ? ` bus='${device.bus}'` : ''}${attrs(device.attributes)}`;
      element(buf, open, 'input', (child) => { verbatimChildren(child, device.children); formatDeviceInfo(child, device.info); });
      return;
    }
    case 'audio':
      element(buf, `<audio id='${device.id}' type='${device.type}'${attrs(device.attributes)}`, 'audio', (child) => verbatimChildren(child, device.children));
      return;
    case 'memballoon':
      element(buf, `<memballoon model='${device.model}'${attrs(device.attributes)}`, 'memballoon', (child) => {
        verbatimChildren(child, device.children.filter((c) => c.name !== 'driver'));
        formatDeviceInfo(child, device.info);
        verbatimChildren(child, device.children.filter((c) => c.name === 'driver'));
      });
      return;
    default: {
      const el = device.element;
      if (!el.children.some(isVerbatimElement) && el.children.length > 0) {
        // Text content (e.g. `<emulator>`-like devices) is written on one line.
        formatVerbatim(buf, el);
        return;
      }
      formatVerbatim(buf, el, (child) => formatDeviceInfo(child, device.info));
    }
  }
}
