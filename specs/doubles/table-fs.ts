import { posix } from 'node:path';
import type { InterceptionFs } from '../../src/doubles/intercepted-commands.js';

/**
 * An InterceptionFs over a table: `'dir'`, `'file'`, or `'-> target'` for a symlink. Parents are
 * implied directories; realpath follows links component by component like the kernel.
 */
export function tableFs(table: Record<string, string>): InterceptionFs {
  const entries = new Map<string, string>([['/', 'dir']]);
  for (const [path, kind] of Object.entries(table)) {
    for (let dir = posix.dirname(path); dir !== '/'; dir = posix.dirname(dir)) if (!entries.has(dir)) entries.set(dir, 'dir');
    entries.set(path, kind);
  }
  const realpath = (path: string, depth = 0): string | null => {
    if (depth > 40) return null;
    let resolved = '/';
    for (const name of path.split('/').filter(Boolean)) {
      const next = posix.join(resolved, name);
      const kind = entries.get(next);
      if (kind === undefined) return null;
      if (kind.startsWith('-> ')) {
        const target = realpath(posix.resolve(resolved, kind.slice(3)), depth + 1);
        if (target === null) return null;
        resolved = target;
      } else resolved = next;
    }
    return resolved;
  };
  return {
    kind: (path) => {
      const kind = entries.get(path);
      return kind === undefined ? null : kind.startsWith('-> ') ? 'symlink' : (kind as 'dir' | 'file');
    },
    readlink: (path) => entries.get(path)!.slice(3),
    readdir: (path) => [...entries.keys()].filter((p) => p !== '/' && posix.dirname(p) === path).map((p) => posix.basename(p)),
    realpath: (path) => realpath(path),
  };
}

/** A merged-/usr host: /sbin and /bin link into /usr, a few commands, libvirt's config dir present. */
export const MERGED_USR = {
  '/sbin': '-> usr/sbin', '/bin': '-> usr/bin', '/var/run': '-> /run', '/run/lock': 'dir',
  '/usr/local/sbin': 'dir', '/usr/local/bin': 'dir', '/usr/local/bin/helper': 'file',
  '/usr/sbin/iptables': '-> xtables-nft-multi', '/usr/sbin/ip6tables': '-> xtables-nft-multi', '/usr/sbin/xtables-nft-multi': 'file',
  '/usr/sbin/ip': '-> /bin/ip', '/usr/bin/ip': 'file', '/usr/sbin/sysctl': 'file',
  '/usr/bin/sh': '-> dash', '/usr/bin/dash': 'file', '/usr/bin/bash': 'file', '/usr/bin/cat': 'file', '/usr/bin/env': 'file',
  '/usr/bin/awk': '-> /etc/alternatives/awk', '/etc/alternatives/awk': '-> /usr/bin/mawk', '/usr/bin/mawk': 'file',
  '/usr/bin/python3': '-> python3.11', '/usr/bin/python3.11': 'file', '/usr/bin/perl': 'file',
  '/usr/bin/systemctl': 'file', '/usr/bin/logger': 'file', '/usr/bin/virsh': 'file', '/usr/bin/nproc': 'file',
  '/etc/libvirt/libvirt.conf': 'file',
};
