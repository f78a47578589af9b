import type { DomainDef } from './domain-def.js';
import type { DomainDevice, GenericDeviceDef } from './domain-device-def.js';
import { isVerbatimElement, verbatimAttribute, verbatimChild, type VerbatimElement } from './verbatim-element.js';

const isPty = (d: DomainDevice): d is GenericDeviceDef => (d.kind === 'serial' || d.kind === 'console') && verbatimAttribute(d.element, 'type') === 'pty';
const PTS = /^\/dev\/pts\/(\d+)$/;

/** The `/dev/pts/N` numbers the pty chardevs of a running guest hold. */
export function ptysInUse(defs: readonly DomainDef[]): Set<number> {
  const used = new Set<number>();
  for (const def of defs) {
    for (const d of def.devices.filter(isPty)) {
      const match = PTS.exec(verbatimAttribute(verbatimChild(d.element, 'source') ?? d.element, 'path') ?? '');
      if (match) used.add(Number(match[1]));
    }
  }
  return used;
}

const isMirror = (d: GenericDeviceDef, def: DomainDef) =>
  d.kind === 'console' && def.devices.find((x) => x.kind === 'console') === d && verbatimAttribute(verbatimChild(d.element, 'target') ?? d.element, 'type') === 'serial';

/**
 * qemuProcessRefreshChardevs after QEMU runs (seen in `started`): each pty serial and console
 * gets the `/dev/pts/N` QEMU opened, as `<source path>` (first child) and, for a console, `tty=`;
 * console 0 of target type serial shows serial 0's. N is the lowest number no running guest holds:
 * a host fact (the recorded host had no other ptys open).
 */
export function openPtys(def: DomainDef, used: Set<number>): DomainDef {
  const taken = new Set(used);
  const serial0 = def.devices.find((d) => d.kind === 'serial');
  const paths = new Map<DomainDevice, string>();
  for (const d of def.devices.filter(isPty)) {
    if (isMirror(d, def)) continue;
    let n = 0;
    while (taken.has(n)) n++;
    taken.add(n);
    paths.set(d, `/dev/pts/${n}`);
  }
  return {
    ...def,
    devices: def.devices.map((d) => {
      if (!isPty(d)) return d;
      const path = isMirror(d, def) ? (serial0 ? paths.get(serial0) : undefined) : paths.get(d);
      if (path === undefined) return d;
      const source: VerbatimElement = { name: 'source', attributes: [['path', path]], children: [] };
      const attributes = d.kind === 'console' ? [...d.element.attributes.filter(([k]) => k !== 'tty'), ['tty', path] as const] : d.element.attributes;
      const children = [source, ...d.element.children.filter((c) => !(isVerbatimElement(c) && c.name === 'source'))];
      return { ...d, element: { ...d.element, attributes, children } };
    }),
  };
}

/** qemuProcessStop: the ptys are gone, so the stop-side hooks show no path and no `tty=`. */
export function closePtys(def: DomainDef): DomainDef {
  return {
    ...def,
    devices: def.devices.map((d) => (isPty(d)
      ? { ...d, element: { ...d.element, attributes: d.element.attributes.filter(([k]) => k !== 'tty'), children: d.element.children.filter((c) => !(isVerbatimElement(c) && c.name === 'source')) } }
      : d)),
  };
}
