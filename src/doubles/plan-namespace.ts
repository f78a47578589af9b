import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { allowedNames, binDirs, canonicalPath, directoryInterceptions, type Interception, type InterceptionFs, type InterceptionInput, splitDoubles } from './intercepted-commands.js';
import { LIBVIRT_SOCKET_DIRS } from './libvirt-sockets.js';

/**
 * One step of building the hook's private mount namespace, run in order by the supervisor:
 * - `slave`: nothing mounted from now on propagates back to the host;
 * - `shadow`: a tmpfs over an existing directory with each of its entries bound back (writes into
 *   them reach the host, submounts stay), so missing paths can be created inside it;
 * - `mkdir`: create a directory (inside a shadow);
 * - `tmpfs`: an empty tmpfs over a directory (hides a real daemon's sockets);
 * - `overlay`: a read-only overlay showing `lower`'s entries on top of `target`'s;
 * - `bind`: bind `source` on `target`, creating an empty file or directory there if needed.
 */
export type MountOp =
  | { readonly op: 'slave' }
  | { readonly op: 'shadow' | 'mkdir' | 'tmpfs'; readonly target: string }
  | { readonly op: 'overlay'; readonly target: string; readonly lower: string }
  | { readonly op: 'bind'; readonly source: string; readonly target: string };

/** A directory of links to the shim that node creates before the namespace is built. */
export interface ShimView {
  readonly dir: string;
  readonly names: readonly string[];
}

/** Everything the namespace needs besides the interception input. */
export interface NamespaceLayout {
  /** The user's hooks directory, shown at `libvirtHooksDir`. */
  readonly hooksDir: string;
  readonly libvirtHooksDir: string;
  /** The shim every intercepted path runs. */
  readonly shim: string;
  /** Where views are created (`<viewRoot>/<hash>`). */
  readonly viewRoot: string;
  /** libvirt socket name -> listening socket to show there; empty when callbacks are not flagged. */
  readonly sockets: ReadonlyMap<string, string>;
}

/** How to build one namespace, and how to tell which double an executed path belongs to. */
export interface NamespacePlan {
  /** Same key, same namespace: the supervisor builds it once and reuses it. */
  readonly key: string;
  readonly ops: readonly MountOp[];
  readonly views: readonly ShimView[];
  /** Canonical executed path (`/usr/sbin/iptables`) -> what answers it. */
  readonly lookup: ReadonlyMap<string, Interception>;
  /** Whether the hooks directory appears at libvirt's path (scripts then run from there). */
  readonly hooksShown: boolean;
  /** Things the namespace cannot show (say them once). */
  readonly warnings: readonly string[];
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/**
 * Plans the private mount namespace a script runs in: the bin directories show the doubles (and
 * in strict mode refusals) over the real commands, absolute-path doubles appear where the host
 * has nothing, the hooks directory appears at libvirt's path, and libvirt's socket paths lead to
 * virthook's listeners. Pure over `fs`.
 */
export function planNamespace(input: InterceptionInput, layout: NamespaceLayout, fs: InterceptionFs): NamespacePlan {
  const warnings: string[] = [];
  const shadows = new Set<string>();
  const mkdirs: string[] = [];
  const tmpfs: string[] = [];
  const binds: Array<{ source: string; target: string }> = [];
  const lookup = new Map<string, Interception>();
  /** Makes `path` an existing directory inside the namespace; returns its canonical path or null. */
  const ensureDir = (path: string, why: string): string | null => {
    const where = canonicalPath(path, fs);
    if (where === null) return null;
    const { anchor, missing } = where;
    if (fs.kind(anchor) !== 'dir') {
      warnings.push(`Cannot show ${why} in the hook's namespace: ${anchor} is not a directory.`);
      return null;
    }
    if (missing.length > 0 && anchor === '/') {
      warnings.push(`Cannot show ${why} in the hook's namespace: /${missing[0]} does not exist and virthook does not cover / to create it.`);
      return null;
    }
    if (missing.length === 0) return anchor;
    const target = posix.join(anchor, ...missing);
    shadows.add(anchor);
    mkdirs.push(target);
    return target;
  };

  const dirs = binDirs(input.hookPath, fs);
  const allowed = input.config.strict ? allowedNames(input, dirs, fs) : null;
  const { byName, byPath } = splitDoubles(input.config);
  const viewed = new Set(byName.length > 0 || allowed !== null ? dirs : []);
  for (const double of byPath) {
    const parent = fs.realpath(posix.dirname(double.command));
    if (parent !== null && fs.kind(parent) === 'dir') {
      viewed.add(parent);
      continue;
    }
    const created = ensureDir(posix.dirname(double.command), `the double ${double.command}`);
    if (created === null) continue;
    const target = `${created}/${posix.basename(double.command)}`;
    binds.push({ source: layout.shim, target });
    lookup.set(target, { command: double.command, double });
  }
  const views: ShimView[] = [];
  const overlays: MountOp[] = [];
  for (const dir of viewed) {
    const entries = directoryInterceptions(dir, input, allowed, fs);
    if (entries.size === 0) continue;
    const names = [...entries.keys()].sort();
    const view = { dir: `${layout.viewRoot}/${hash([dir, names])}`, names };
    views.push(view);
    overlays.push({ op: 'overlay', target: dir, lower: view.dir });
    for (const [name, interception] of entries) lookup.set(`${dir}/${name}`, interception);
  }
  const realHooks = fs.realpath(layout.hooksDir);
  let hooksShown = realHooks !== null && realHooks === fs.realpath(layout.libvirtHooksDir);
  if (!hooksShown) {
    const target = ensureDir(layout.libvirtHooksDir, 'the hooks directory');
    if (target !== null) binds.push({ source: layout.hooksDir, target });
    hooksShown = target !== null;
  }
  if (layout.sockets.size > 0) {
    const socketDirs = new Set(LIBVIRT_SOCKET_DIRS.flatMap((dir) => {
      const parent = fs.realpath(posix.dirname(dir));
      return parent === null ? [] : [`${parent}/${posix.basename(dir)}`];
    }));
    for (const dir of socketDirs) {
      const exists = fs.kind(dir) === 'dir';
      const target = exists ? dir : ensureDir(dir, "libvirt's sockets");
      if (target === null) continue;
      // A real daemon's sockets must not be reachable either: cover them.
      if (exists) tmpfs.push(target);
      for (const [name, source] of layout.sockets) binds.push({ source, target: `${target}/${name}` });
    }
  }
  const ops: MountOp[] = [
    { op: 'slave' },
    ...[...shadows].sort((a, b) => a.length - b.length).map((target): MountOp => ({ op: 'shadow', target })),
    ...mkdirs.map((target): MountOp => ({ op: 'mkdir', target })),
    ...tmpfs.map((target): MountOp => ({ op: 'tmpfs', target })),
    ...overlays,
    ...binds.map((b): MountOp => ({ op: 'bind', ...b })),
  ];
  return { key: hash(ops), ops, views, lookup, hooksShown, warnings };
}
