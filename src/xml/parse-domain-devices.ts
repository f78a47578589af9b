import type { DomainOsDef } from '../model/domain-def.js';
import {
  DEVICE_FORMAT_ORDER, type ControllerDef, type DomainDevice, type GenericDeviceKind, type InputDef,
} from '../model/domain-device-def.js';
import type { VerbatimElement } from '../model/verbatim-element.js';
import { parseCInteger } from './c-integer.js';
import type { DomainParseContext } from './domain-parse-context.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { DEVICE_INFO_ELEMENTS, parseDeviceInfo } from './parse-device-info.js';
import { parseDomainInterface } from './parse-domain-interface.js';
import { prop, SectionFailed } from './parse-context.js';
import { textContent, type XmlElement } from './read-xml.js';
import { toVerbatim } from './to-verbatim.js';

const CONTROLLER_TYPES = ['ide', 'fdc', 'scsi', 'sata', 'virtio-serial', 'ccid', 'usb', 'pci', 'xenbus', 'isa', 'nvme'];
const INPUT_TYPES = ['mouse', 'tablet', 'keyboard', 'passthrough', 'evdev'];
const INPUT_BUSES = ['ps2', 'usb', 'xen', 'parallels', 'virtio', 'none'];
// Devices whose <boot order> / <rom> virDomainDeviceInfoParseXML reads (ALLOW_BOOT / ALLOW_ROM).
const BOOTABLE = new Set(['disk', 'hostdev', 'redirdev']);
const ROM_DEVICES = new Set(['hostdev']);

const children = (node: XmlElement, skip: readonly string[]): VerbatimElement[] =>
  node.children.filter((c): c is XmlElement => c.kind === 'element' && !skip.includes(c.name)).map((c) => toVerbatim(c));

const otherAttributes = (node: XmlElement, skip: readonly string[]) =>
  node.attributes.filter((a) => !skip.includes(a.name)).map((a) => [a.name, a.value] as const);

function parseController(ctx: DomainParseContext, node: XmlElement, devices: readonly DomainDevice[]): ControllerDef {
  const type = prop(node, 'type') ?? 'ide';
  if (!CONTROLLER_TYPES.includes(type)) ctx.fail(node, m.xmlError(`Invalid value for attribute 'type' in element 'controller': '${type}'.`));
  const indexText = prop(node, 'index');
  let index = indexText === undefined ? -1 : parseCInteger(indexText, 'i');
  if (index === null || index < -1) ctx.fail(node, m.xmlError(`Invalid value for attribute 'index' in element 'controller': '${indexText}'.`));
  // virDomainDefPostParse: an index-less controller takes the next free index of its type.
  if (index === -1) index = 1 + Math.max(-1, ...devices.filter((d): d is ControllerDef => d.kind === 'controller' && d.type === type).map((d) => d.index));
  return {
    kind: 'controller', type, index, model: prop(node, 'model') ?? null,
    attributes: otherAttributes(node, ['type', 'index', 'model']),
    children: children(node, DEVICE_INFO_ELEMENTS),
    info: parseDeviceInfo(ctx, node),
  };
}

/** virDomainInputDefParseXML: the default bus depends on the OS type and arch. */
function parseInput(ctx: DomainParseContext, node: XmlElement, os: DomainOsDef): InputDef {
  const type = prop(node, 'type');
  if (type === undefined) ctx.fail(node, m.internal('missing input device type'));
  if (!INPUT_TYPES.includes(type)) ctx.fail(node, m.internal(`unknown input device type '${type}'`));
  let bus = prop(node, 'bus') ?? null;
  if (bus !== null && !INPUT_BUSES.includes(bus)) ctx.fail(node, m.internal(`unknown input bus type '${bus}'`));
  if (bus === null) {
    const x86 = os.arch === null || os.arch === 'x86_64' || os.arch === 'i686';
    if (os.type === 'hvm') bus = (type === 'mouse' || type === 'keyboard') && x86 ? 'ps2' : type === 'passthrough' ? 'virtio' : type === 'evdev' ? null : 'usb';
    else if (os.type === 'xen' || os.type === 'xenpvh') bus = 'xen';
  }
  return {
    kind: 'input', type, bus, attributes: otherAttributes(node, ['type', 'bus']),
    children: children(node, DEVICE_INFO_ELEMENTS), info: parseDeviceInfo(ctx, node),
  };
}

function parseDevice(ctx: DomainParseContext, node: XmlElement, os: DomainOsDef, devices: readonly DomainDevice[]): DomainDevice {
  switch (node.name) {
    case 'interface': return parseDomainInterface(ctx, node);
    case 'controller': return parseController(ctx, node, devices);
    case 'input': return parseInput(ctx, node, os);
    case 'audio': {
      const type = prop(node, 'type');
      if (type === undefined) ctx.fail(node, m.xmlError("Missing required attribute 'type' in element 'audio'"));
      const idText = prop(node, 'id');
      const id = idText === undefined ? devices.filter((d) => d.kind === 'audio').length + 1 : parseCInteger(idText, 'uip');
      if (!id) ctx.fail(node, m.xmlError(`Invalid value for attribute 'id' in element 'audio': '${idText}'. Expected non-negative integer value`));
      return { kind: 'audio', id, type, attributes: otherAttributes(node, ['id', 'type']), children: children(node, []) };
    }
    case 'memballoon': {
      const model = prop(node, 'model');
      if (model === undefined) ctx.fail(node, m.xmlError("Missing required attribute 'model' in element 'memballoon'"));
      return {
        kind: 'memballoon', model, attributes: otherAttributes(node, ['model']),
        children: children(node, DEVICE_INFO_ELEMENTS), info: parseDeviceInfo(ctx, node),
      };
    }
    default: {
      const kind = node.name as GenericDeviceKind;
      const info = parseDeviceInfo(ctx, node, { boot: BOOTABLE.has(kind), rom: ROM_DEVICES.has(kind) });
      const element = toVerbatim(node, DEVICE_INFO_ELEMENTS);
      return { kind, element, info };
    }
  }
}

/**
 * `<devices>`: the emulator and every device in definition order. Devices libvirt knows are
 * parsed (interfaces, controllers, inputs, audio, memballoon) or kept verbatim; an element libvirt
 * would ignore is reported as unknown. Each device's problem is recorded and parsing goes on.
 */
export function parseDomainDevices(ctx: DomainParseContext, node: XmlElement | undefined, os: DomainOsDef): { emulator: string | null; devices: DomainDevice[] } {
  const devices: DomainDevice[] = [];
  let emulator: string | null = null;
  if (!node) return { emulator, devices };
  for (const el of ctx.knownChildren(node, ['emulator', ...DEVICE_FORMAT_ORDER], '<devices>')) {
    if (el.name === 'emulator') {
      emulator ??= textContent(el) || null;
      continue;
    }
    try {
      devices.push(parseDevice(ctx, el, os, devices));
    } catch (error) {
      if (!(error instanceof SectionFailed)) throw error;
    }
  }
  return { emulator, devices };
}
