import { DOMAIN_CHILD_ORDER, DOMAIN_VIRT_TYPES, FEATURE_ORDER, type DomainDef, type DomainSecLabel, type DomainVcpu, type DomainVirtType } from '../model/domain-def.js';
import type { VerbatimElement } from '../model/verbatim-element.js';
import { parseCInteger } from './c-integer.js';
import { DomainParseContext } from './domain-parse-context.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { child, childText, children, prop, SectionFailed } from './parse-context.js';
import { parseDomainDevices } from './parse-domain-devices.js';
import { parseDomainCpu, parseDomainOs } from './parse-domain-os.js';
import { parseMetadata } from './parse-metadata.js';
import { parseScaledMemory } from './parse-scaled-memory.js';
import { parseUuid } from './parse-uuid.js';
import { readXml, textContent, type XmlElement } from './read-xml.js';
import { toVerbatim } from './to-verbatim.js';

/** The driver namespaces libvirt registers (qemuDomainXMLNamespace ...), by domain type, with their fixed prefix. */
const DRIVER_NAMESPACES: ReadonlyArray<readonly [readonly DomainVirtType[], string, string]> = [
  [['qemu', 'kvm'], 'qemu', 'http://libvirt.org/schemas/domain/qemu/1.0'],
  [['lxc'], 'lxc', 'http://libvirt.org/schemas/domain/lxc/1.0'],
  [['bhyve'], 'bhyve', 'http://libvirt.org/schemas/domain/bhyve/1.0'],
  [['xen'], 'xen', 'http://libvirt.org/schemas/domain/xen/1.0'],
];
const LIFECYCLE = ['destroy', 'restart', 'rename-restart', 'preserve', 'coredump-destroy', 'coredump-restart'];
const MODELLED = ['name', 'uuid', 'title', 'description', 'metadata', 'memory', 'currentMemory', 'vcpu', 'os', 'features', 'cpu',
  'clock', 'on_poweroff', 'on_reboot', 'on_crash', 'devices', 'seclabel'];

function parseVcpu(ctx: DomainParseContext, node: XmlElement | undefined): DomainVcpu | null {
  if (!node) return null;
  const count = parseCInteger(textContent(node), 'uip');
  if (count === null) ctx.fail(node, m.xmlError('maximum vcpus count must be an integer'));
  const currentText = prop(node, 'current');
  const current = currentText === undefined ? null : parseCInteger(currentText, 'uip') ?? ctx.fail(node, m.xmlError('current vcpus count must be an integer'));
  const placement = prop(node, 'placement') ?? null;
  if (placement !== null && placement !== 'static' && placement !== 'auto') ctx.fail(node, m.xmlError(`Unsupported CPU placement mode '${placement}'`));
  return { count, placement, cpuset: prop(node, 'cpuset') ?? null, current };
}

function parseLifecycle(ctx: DomainParseContext, root: XmlElement, name: 'on_poweroff' | 'on_reboot' | 'on_crash'): string | null {
  const node = child(root, name);
  if (!node) return null;
  const value = textContent(node).trim();
  if (!LIFECYCLE.includes(value)) ctx.fail(node, m.internal(`unknown ${name} action: ${value}`));
  if (name !== 'on_crash' && value.startsWith('coredump')) {
    ctx.fail(node, m.configUnsupported(`Lifecycle event '${name.slice(3)}' doesn't support '${value}' action`));
  }
  return value;
}

/** `<seclabel>`s of a definition: dynamic labels are not kept (VIR_DOMAIN_DEF_PARSE_INACTIVE), a status file's are. */
function parseSecLabel(ctx: DomainParseContext, node: XmlElement): DomainSecLabel {
  const type = prop(node, 'type') ?? 'dynamic';
  if (!['dynamic', 'static', 'none'].includes(type)) ctx.fail(node, m.xmlError(`invalid security type '${type}'`));
  const relabel = prop(node, 'relabel');
  const dynamic = type === 'dynamic' && !ctx.status;
  return {
    type, model: prop(node, 'model') ?? null,
    relabel: relabel === undefined ? type !== 'none' && type !== 'static' : relabel === 'yes',
    label: dynamic ? null : childText(node, 'label') ?? null,
    imagelabel: dynamic ? null : childText(node, 'imagelabel') ?? null,
    baselabel: childText(node, 'baselabel') ?? null,
  };
}

/** Top-level children: known to libvirt (by name) or in the driver's namespace. */
function checkTopLevel(ctx: DomainParseContext, root: XmlElement, type: DomainVirtType): { others: VerbatimElement[]; extensions: VerbatimElement[]; namespaces: [string, string][] } {
  const others: VerbatimElement[] = [];
  const extensions: VerbatimElement[] = [];
  const ns = DRIVER_NAMESPACES.find(([types]) => types.includes(type));
  for (const c of root.children) {
    if (c.kind !== 'element') continue;
    if (c.namespaceURI === null && DOMAIN_CHILD_ORDER.includes(c.localName)) {
      if (!MODELLED.includes(c.localName)) others.push(toVerbatim(c));
    } else if (ns && c.namespaceURI === ns[2]) {
      // The driver's namespace formatter writes its own prefix, whatever the user chose.
      const rename = (el: VerbatimElement): VerbatimElement => ({
        ...el, name: el.name.includes(':') ? `${ns[1]}:${el.name.split(':')[1]}` : el.name,
        children: el.children.map((k) => ('name' in k ? rename(k) : k)),
      });
      extensions.push(rename(toVerbatim(c)));
    } else if (c.namespaceURI === null || !DRIVER_NAMESPACES.some(([, , uri]) => uri === c.namespaceURI)) {
      ctx.unknown(c, '<domain>');
    }
  }
  return { others, extensions, namespaces: ns && extensions.length > 0 ? [[ns[1], ns[2]]] : [] };
}

/** Options of parseDomainElement. */
export interface DomainParseOptions {
  /**
   * VIR_DOMAIN_DEF_PARSE_STATUS | ACTUAL_NET: the `<domain>` of a status file, whose runtime
   * parts (id, aliases, tap names, `<actual>` devices, dynamic labels) are kept.
   * @default false (a definition: VIR_DOMAIN_DEF_PARSE_INACTIVE)
   */
  readonly status?: boolean;
}

/** virDomainDefParseXML on a read `<domain>` element (a definition: VIR_DOMAIN_DEF_PARSE_INACTIVE, unless `status`). */
export function parseDomainElement(root: XmlElement, file: string, options: DomainParseOptions = {}): DomainDef {
  const ctx = new DomainParseContext(file, { status: options.status ?? false });
  let def: DomainDef | undefined;
  try {
    const typeText = prop(root, 'type');
    if (typeText === undefined) ctx.fail(root, m.xmlError("Missing required attribute 'type' in element 'domain'"));
    if (!DOMAIN_VIRT_TYPES.includes(typeText as DomainVirtType)) ctx.fail(root, m.xmlError(`Invalid value for attribute 'type' in element 'domain': '${typeText}'.`));
    const type = typeText as DomainVirtType;
    const name = childText(root, 'name');
    if (name === undefined) ctx.fail(root, 'missing name information');
    const uuidText = childText(root, 'uuid');
    const uuid = uuidText === undefined ? null : parseUuid(uuidText) ?? ctx.fail(child(root, 'uuid')!, m.internal('malformed uuid element'));
    const title = childText(root, 'title') ?? null;
    if (title?.includes('\n')) ctx.fail(child(root, 'title')!, m.xmlError("Domain title can't contain newlines"));
    const { others, extensions, namespaces } = checkTopLevel(ctx, root, type);
    const memoryKib = parseScaledMemory(ctx, child(root, 'memory'), './memory[1]');
    if (!memoryKib) ctx.fail(child(root, 'memory') ?? root, m.xmlError('Memory size must be specified via <memory> or in the <numa> configuration'));
    const os = parseDomainOs(ctx, child(root, 'os'), root);
    const featuresNode = child(root, 'features');
    const features = featuresNode ? ctx.knownChildren(featuresNode, FEATURE_ORDER, '<features>').map((f) => toVerbatim(f)) : null;
    const metadata = child(root, 'metadata');
    const clock = child(root, 'clock');
    const { emulator, devices } = parseDomainDevices(ctx, child(root, 'devices'), os);
    const idText = prop(root, 'id');
    // virDomainDefParseIDs: only a status file's id is read; a definition's is ignored.
    const id = ctx.status && idText !== undefined ? parseCInteger(idText, 'i') ?? ctx.fail(root, m.xmlError(`Invalid value for attribute 'id' in element 'domain': '${idText}'.`)) : null;
    def = {
      type, id: id !== null && id >= 0 ? id : null, name: name!, uuid, title, description: childText(root, 'description') ?? null,
      metadata: metadata ? parseMetadata(metadata) : null,
      memoryKib, memoryDumpCore: prop(child(root, 'memory'), 'dumpCore') ?? null,
      currentMemoryKib: parseScaledMemory(ctx, child(root, 'currentMemory'), './currentMemory[1]'),
      vcpu: parseVcpu(ctx, child(root, 'vcpu')),
      os, features, cpu: parseDomainCpu(ctx, child(root, 'cpu')),
      clock: clock ? toVerbatim(clock) : null,
      onPoweroff: parseLifecycle(ctx, root, 'on_poweroff'),
      onReboot: parseLifecycle(ctx, root, 'on_reboot'),
      onCrash: parseLifecycle(ctx, root, 'on_crash'),
      emulator, devices,
      seclabels: children(root, 'seclabel').map((s) => parseSecLabel(ctx, s)),
      others, namespaces, extensions,
    };
  } catch (error) {
    if (!(error instanceof SectionFailed)) throw error;
  }
  ctx.throwProblems('domain definition');
  return def!;
}

/**
 * Parses the XML a user gives `virsh define` as virDomainDefParseString does (libvirt 9.0):
 * malformed XML throws XML_MALFORMED, an element libvirt's domain format does not know throws
 * XML_UNKNOWN_ELEMENT, a value libvirt refuses throws XML_INVALID_VALUE with libvirt's message;
 * every problem names the file, line and column. Elements libvirt knows but virthook does not
 * model are kept verbatim and re-emitted in libvirt's order.
 */
export function parseDomainXml(text: string, file: string): DomainDef {
  const root = readXml(text, file);
  if (root.name !== 'domain') {
    const ctx = new DomainParseContext(file);
    ctx.unknown(root, `a domain definition (expecting <domain>)`);
    ctx.throwProblems('domain definition');
  }
  return parseDomainElement(root, file);
}
