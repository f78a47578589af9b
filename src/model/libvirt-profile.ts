import { VirthookError } from '../errors/virthook-error.js';

/**
 * The libvirt behaviours that changed between releases, derived from a version number so that any
 * release can be simulated, not only the recorded one. Thresholds come from the reference's §8.
 */
export interface LibvirtProfile {
  /** As given, normalised to `major.minor` or `major.minor.micro`. */
  readonly version: string;
  /** `port-created`/`port-deleted` with `<networkport>` (5.5.0) instead of `plugged`/`unplugged`. */
  readonly portHooks: 'port' | 'plugged';
  /** Network `updated` op exists (between 1.2.3 and 2.0; modelled from 2.0). */
  readonly networkUpdatedHook: boolean;
  /** `<driver>.d/` directories (6.5.0); before, only the cached main script runs. */
  readonly hookDirectories: boolean;
  /** qemu/lxc `release end <reason>` (10.5.0); `-` before. */
  readonly releaseReasons: boolean;
  /** A vetoed network start/started runs full teardown and `stopped` (10.8.0). */
  readonly teardownOnStartFailure: boolean;
  /** Autostart runs once per boot through the `autostarted` marker (5.9.0). */
  readonly autostartOnce: boolean;
  /** virtnetworkd exits when idle even with active networks (fixed after 9.0.0 by commit 37800af9; modelled as fixed in 9.1). */
  readonly networkIdleExit: boolean;
  /** `<domain register=...>` exists (10.1.0); older parsers ignore the attribute and its checks. */
  readonly networkDomainRegister: boolean;
  /** virCommandAddEnvPassCommon: the daemon variables passed through, in order, after `LC_ALL=C`. */
  readonly envPass: readonly string[];
  /** Pre-6.0 vircommand.c: PATH defaults to `/bin:/usr/bin` when the daemon has none. */
  readonly defaultPath: string | null;
}

const MIN_VERSION = [1, 2, 2] as const;

/** Parses `9`, `9.0`, `9.0.0` into a comparable triple. */
export function parseLibvirtVersion(text: string): [number, number, number] {
  const match = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) {
    throw new VirthookError('PROFILE_UNKNOWN', `Unknown libvirt version "${text}". Use a release number such as 9.0 or 11.3.`);
  }
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function atLeast(v: readonly number[], major: number, minor: number, micro = 0): boolean {
  const [a = 0, b = 0, c = 0] = v;
  if (a !== major) return a > major;
  if (b !== minor) return b > minor;
  return c >= micro;
}

/** Builds the profile of a libvirt release (>= 1.2.2, when network hooks appeared). */
export function libvirtProfile(version: string): LibvirtProfile {
  const v = parseLibvirtVersion(version);
  if (!atLeast(v, MIN_VERSION[0], MIN_VERSION[1], MIN_VERSION[2])) {
    throw new VirthookError('PROFILE_UNKNOWN', `libvirt ${version} predates network hooks (1.2.2); virthook simulates 1.2.2 and later.`);
  }
  const pre6 = !atLeast(v, 6, 0);
  return {
    version: version.trim(),
    portHooks: atLeast(v, 5, 5) ? 'port' : 'plugged',
    networkUpdatedHook: atLeast(v, 2, 0),
    hookDirectories: atLeast(v, 6, 5),
    releaseReasons: atLeast(v, 10, 5),
    teardownOnStartFailure: atLeast(v, 10, 8),
    autostartOnce: atLeast(v, 5, 9),
    networkIdleExit: !atLeast(v, 9, 1),
    networkDomainRegister: atLeast(v, 10, 1),
    envPass: pre6
      ? ['LD_PRELOAD', 'LD_LIBRARY_PATH', 'PATH', 'HOME', 'USER', 'LOGNAME', 'TMPDIR']
      : atLeast(v, 7, 1)
        ? ['LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'DYLD_FORCE_FLAT_NAMESPACE', 'PATH', 'HOME', 'USER', 'LOGNAME', 'TMPDIR']
        : ['LD_PRELOAD', 'LD_LIBRARY_PATH', 'PATH', 'HOME', 'USER', 'LOGNAME', 'TMPDIR'],
    defaultPath: pre6 ? '/bin:/usr/bin' : null,
  };
}

/** The daemon environment of the recordings (libvirtd started with `env -i` as in oracle/README). */
export const RECORDED_DAEMON_ENV: ReadonlyArray<readonly [string, string]> = [
  ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  ['HOME', '/root'],
  ['LANG', 'C.UTF-8'],
  ['USER', 'root'],
  ['LOGNAME', 'root'],
  ['TMPDIR', '/tmp'],
];
