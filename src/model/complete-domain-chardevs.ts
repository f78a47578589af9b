import type { DomainDef } from './domain-def.js';
import type { DomainDevice, GenericDeviceDef } from './domain-device-def.js';
import { isVerbatimElement, verbatimAttribute, verbatimChild, type VerbatimElement, type VerbatimNode } from './verbatim-element.js';

const isChar = (kind: 'serial' | 'console') => (d: DomainDevice): d is GenericDeviceDef => d.kind === kind;

/** The element with its `<target>` replaced (or added after the source-side children libvirt formats first). */
function withTarget(el: VerbatimElement, target: VerbatimElement): VerbatimElement {
  const children: VerbatimNode[] = el.children.filter((c) => !(isVerbatimElement(c) && c.name === 'target'));
  const after = children.reduce((at, c, i) => (isVerbatimElement(c) && ['source', 'protocol', 'log'].includes(c.name) ? i + 1 : at), 0);
  children.splice(after, 0, target);
  return { ...el, children };
}

/** qemuDomainChrDefPostParse (x86): a serial with no target type is an isa-serial on the next free port, with its model. */
function completeSerial(serial: GenericDeviceDef, taken: Set<number>): GenericDeviceDef {
  const target = verbatimChild(serial.element, 'target');
  const type = (target && verbatimAttribute(target, 'type')) ?? 'isa-serial';
  const given = target && verbatimAttribute(target, 'port');
  let port = given === null ? 0 : Number(given);
  if (given === null) while (taken.has(port)) port++;
  taken.add(port);
  const others = (target?.children ?? []).filter((c) => !(isVerbatimElement(c) && c.name === 'model'));
  const model = (target && verbatimChild(target, 'model')) ?? { name: 'model', attributes: [['name', type]], children: [] };
  const rest = (target?.attributes ?? []).filter(([k]) => k !== 'type' && k !== 'port');
  const complete: VerbatimElement = { name: 'target', attributes: [['type', type], ['port', String(port)], ...rest], children: [model, ...others] };
  return { ...serial, element: withTarget(serial.element, complete) };
}

const serialConsoleTarget = (port: string): VerbatimElement => ({ name: 'target', attributes: [['type', 'serial'], ['port', port]], children: [] });

/**
 * The serial/console post-parse of an x86 hvm qemu guest (qemuDomainChrDefPostParse,
 * virDomainDefAddConsoleCompat): serials get `<target type='isa-serial' port='N'>` with
 * `<model name='isa-serial'/>`; a first console of type serial (or none) with no serial becomes
 * serial 0 too; an isa-serial with no console gets a stub console. That console is formatted as a
 * view of serial 0 (`<target type='serial' port='P'/>`, serial 0's source and alias).
 */
export function completeDomainChardevs(def: DomainDef): DomainDef {
  if (def.os.type !== 'hvm' || (def.os.arch !== 'x86_64' && def.os.arch !== 'i686')) return def;
  let devices = [...def.devices];
  const consoles = devices.filter(isChar('console'));
  const first = consoles[0];
  const firstType = first ? verbatimAttribute(verbatimChild(first.element, 'target') ?? { name: 'target', attributes: [], children: [] }, 'type') : null;
  const serialConsole = first !== undefined && (firstType === null || firstType === 'serial');
  if (serialConsole && !devices.some(isChar('serial'))) {
    // virDomainDefAddConsoleCompat: the console's device moves to serials[0].
    const serial: GenericDeviceDef = { kind: 'serial', element: { ...withTarget(first.element, { name: 'target', attributes: [['port', '0']], children: [] }), name: 'serial' }, info: first.info };
    devices.splice(devices.indexOf(first), 0, serial);
  }
  const taken = new Set<number>();
  devices = devices.map((d) => (isChar('serial')(d) ? completeSerial(d, taken) : d));
  const serial0 = devices.find(isChar('serial'));
  if (!serial0) return { ...def, devices };
  const port = verbatimAttribute(verbatimChild(serial0.element, 'target')!, 'port')!;
  const isa = verbatimAttribute(verbatimChild(serial0.element, 'target')!, 'type') === 'isa-serial';
  if (serialConsole) {
    devices = devices.map((d) => (d === first ? mirrorSerial(serial0, port) : d));
  } else if (!first && isa) {
    devices.push(mirrorSerial(serial0, port));
  }
  return { ...def, devices };
}

/** virDomainDefFormatInternal's console 0 of target type serial: serial 0's element, as a console. */
function mirrorSerial(serial0: GenericDeviceDef, port: string): GenericDeviceDef {
  return { kind: 'console', element: { ...withTarget(serial0.element, serialConsoleTarget(port)), name: 'console' }, info: serial0.info };
}
