import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { allowedNames, binDirs, directoryInterceptions, type Interception, type InterceptionFs, type InterceptionInput, splitDoubles } from './intercepted-commands.js';
import type { ShimView } from './plan-namespace.js';

/** How to get the private mount namespace: said with the PATH fallback's notice. */
const PATH_FALLBACK_REMEDY = "To intercept every command, use isolation 'auto' (the default) as root, or as a user allowed to create user namespaces "
  + '(sysctl kernel.unprivileged_userns_clone=1; on Ubuntu 23.10+ also kernel.apparmor_restrict_unprivileged_userns=0), with unshare (util-linux) and python3 installed '
  + "(README: Namespaces).";

/** Interception without a mount namespace: a directory of shims put first on the hook's PATH. */
export interface PathPlan {
  readonly view: ShimView;
  /** Command name -> what answers it. */
  readonly lookup: ReadonlyMap<string, Interception>;
  /** The script's environment with PATH prefixed by the view. */
  readonly env: readonly string[];
  /** What this mode cannot do, in one message. */
  readonly warning: string;
}

/**
 * Plans the PATH fallback: the same doubles and strict refusals as in a namespace, but only for
 * commands found through PATH. Commands run by absolute path (`/sbin/iptables`) run for real, the
 * hook sees a PATH libvirt would not give it, and argv[0] stays the real file's path.
 */
export function planPathFallback(input: InterceptionInput, env: readonly string[], viewRoot: string, reason: string, fs: InterceptionFs): PathPlan {
  const dirs = binDirs(input.hookPath, fs, false);
  const allowed = input.config.strict ? allowedNames(input, dirs, fs) : null;
  const lookup = new Map<string, Interception>();
  for (const dir of [...dirs].reverse()) for (const [name, interception] of directoryInterceptions(dir, input, allowed, fs)) lookup.set(name, interception);
  const { byName, byPath } = splitDoubles(input.config);
  for (const double of byName) lookup.set(double.command, { command: double.command, double });
  // A PATH lookup of the name would reach the path's double first under libvirt's PATH; keep that.
  for (const double of byPath) if (!byName.some((d) => d.command === posix.basename(double.command))) lookup.set(posix.basename(double.command), { command: double.command, double });
  for (const path of input.protectedPaths) lookup.delete(posix.basename(path));
  const names = [...lookup.keys()].sort();
  const view: ShimView = { dir: `${viewRoot}/path-${createHash('sha256').update(JSON.stringify(names)).digest('hex').slice(0, 16)}`, names };
  const index = env.findIndex((entry) => entry.startsWith('PATH='));
  const withPath = [...env];
  if (index >= 0) withPath[index] = `PATH=${view.dir}:${env[index]!.slice(5)}`;
  else withPath.push(`PATH=${view.dir}:/usr/bin:/bin`);
  const absolute = byPath.map((d) => d.command);
  const warning = `Command doubles fall back to PATH: ${reason}. `
    + `Commands a hook runs by absolute path (/sbin/iptables, /usr/sbin/nft ...) are NOT intercepted: they run for real on this machine, and strict mode cannot refuse them`
    + `${absolute.length > 0 ? ` (${absolute.map((a) => `${a} is doubled only when looked up as ${posix.basename(a)}`).join('; ')})` : ''}. `
    + "Hooks also see the doubles first on PATH instead of libvirt's PATH, $0 is the script's real path instead of /etc/libvirt/hooks/..., and calls to libvirt's sockets are not detected. "
    + `${PATH_FALLBACK_REMEDY}`;
  return { view, lookup, env: withPath, warning };
}
