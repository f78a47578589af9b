import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { type Problem, VirthookError } from '../errors/virthook-error.js';
import { libvirtProfile, type LibvirtProfile, RECORDED_DAEMON_ENV } from '../model/libvirt-profile.js';
import { type CommandDoubles, createCommandDoubles } from '../doubles/command-doubles.js';
import { type DoublesOptions, normalizeDoubles } from '../doubles/normalize-doubles.js';
import { type HookFileSystem, NODE_FILE_SYSTEM } from './hook-file-system.js';
import type { IsolationMechanism } from './hook-spawner.js';

/** Options of createRunner. Only `hooksDir` is required. */
export interface RunnerOptions {
  /** The directory holding your hook scripts (`network`, `network.d/`, `qemu`, ...); it stands for /etc/libvirt/hooks. */
  readonly hooksDir: string;
  /**
   * The directory libvirt looks in; shown in argv-facing texts and libvirt's error messages.
   * @default '/etc/libvirt/hooks'
   */
  readonly libvirtHooksDir?: string;
  /**
   * The simulated release; supplies the defaults of `directories`, `envPass` and `defaultPath`.
   * @default libvirtProfile('9.0')
   */
  readonly profile?: LibvirtProfile;
  /**
   * Run `<driver>.d/*` after the main script (libvirt >= 6.5). false: main script only, exec'd as cached.
   * @default profile.hookDirectories
   */
  readonly directories?: boolean;
  /**
   * Daemon variables passed to hooks after `LC_ALL=C`, in this order, when set in `daemonEnv`.
   * @default profile.envPass
   */
  readonly envPass?: readonly string[];
  /**
   * PATH given to hooks when the daemon has none (libvirt < 6.0: `/bin:/usr/bin`).
   * @default profile.defaultPath
   */
  readonly defaultPath?: string | null;
  /**
   * The simulated daemon's environment, in order. virthook's own environment never reaches hooks.
   * @default RECORDED_DAEMON_ENV (the recordings' `env -i PATH=... HOME=/root ...`)
   */
  readonly daemonEnv?: ReadonlyArray<readonly [string, string]>;
  /**
   * The simulated daemon's working directory, inherited by hooks.
   * @default '/'
   */
  readonly cwd?: string;
  /**
   * Stop a script after this long (libvirt would wait forever); reported as `timedOut`.
   * @default 30000
   */
  readonly timeoutMs?: number;
  /**
   * How long to wait, after a script exited, for descendants to close its stdout/stderr before
   * reporting `lingering` (libvirt would block until they do).
   * @default 250
   */
  readonly lingerGraceMs?: number;
  /**
   * Delay between SIGTERM and SIGKILL when stopping a script and its descendants.
   * @default 2000
   */
  readonly forceKillAfterMs?: number;
  /**
   * Bytes kept per stream; past it the script is stopped and `outputCapped` says which stream.
   * @default 16777216 (16 MiB)
   */
  readonly maxOutputBytes?: number;
  /**
   * How leftovers are contained: `auto` picks `pid-namespace`, else `subreaper`, else `process-group`.
   * @default 'auto'
   */
  readonly isolation?: 'auto' | IsolationMechanism;
  /**
   * The Python 3.8+ interpreter that runs the hook supervisor.
   * @default 'python3'
   */
  readonly python?: string;
  /**
   * Hook calls run at the same time at most (one supervisor each); more wait their turn.
   * @default 4
   */
  readonly concurrency?: number;
  /**
   * File-system calls used for discovery (inject a double in tests).
   * @default node:fs
   */
  readonly fileSystem?: HookFileSystem;
  /**
   * Command doubles for every call (a call can override them): options as in a scenario's doubles
   * section, or a CommandDoubles from createCommandDoubles to share reply sequences. Enabling them
   * also installs the built-in `virsh` and `logger` doubles and flags calls back into libvirt.
   * @default undefined (no command is intercepted; createSession defaults to callback detection)
   */
  readonly doubles?: DoublesOptions | CommandDoubles;
}

/** RunnerOptions with every default applied and every value checked. */
export interface RunnerSettings {
  readonly hooksDir: string;
  readonly libvirtHooksDir: string;
  readonly directories: boolean;
  readonly envPass: readonly string[];
  readonly defaultPath: string | null;
  readonly daemonEnv: ReadonlyArray<readonly [string, string]>;
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly lingerGraceMs: number;
  readonly forceKillAfterMs: number;
  readonly maxOutputBytes: number;
  readonly isolation: 'auto' | IsolationMechanism;
  readonly python: string;
  readonly concurrency: number;
  readonly fileSystem: HookFileSystem;
  readonly doubles: CommandDoubles | null;
}

const KNOWN = new Set(['hooksDir', 'libvirtHooksDir', 'profile', 'directories', 'envPass', 'defaultPath', 'daemonEnv', 'cwd',
  'timeoutMs', 'lingerGraceMs', 'forceKillAfterMs', 'maxOutputBytes', 'isolation', 'python', 'concurrency', 'fileSystem', 'doubles']);
const ISOLATIONS = ['auto', 'pid-namespace', 'subreaper', 'process-group'];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function show(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  } catch {
    text = String(value);
  }
  return `${text.length > 60 ? `${text.slice(0, 57)}...` : text} (${type})`;
}

function isCommandDoubles(value: unknown): value is CommandDoubles {
  return typeof value === 'object' && value !== null && typeof (value as CommandDoubles).answer === 'function';
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function stripSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * Applies defaults and validates createRunner's options once, before anything runs.
 * @throws VirthookError OPTIONS_INVALID listing every problem (option, value and type);
 *   HOOKS_DIR_NOT_FOUND when `hooksDir` is not an existing directory.
 */
export function normalizeRunnerOptions(options: RunnerOptions): RunnerSettings {
  const problems: Problem[] = [];
  const bad = (path: string, expected: string, value: unknown): void => {
    problems.push({ file: 'createRunner options', path, message: `${path} must be ${expected}, got ${show(value)}` });
  };
  if (typeof options !== 'object' || options === null) {
    throw new VirthookError('OPTIONS_INVALID', `createRunner needs an options object with at least hooksDir, got ${show(options)}.`);
  }
  const raw = options as unknown as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key)) problems.push({ file: 'createRunner options', path: key, message: `${key} is not an option (known: ${[...KNOWN].join(', ')})` });
  }
  const validProfile = typeof raw.profile === 'object' && raw.profile !== null && 'envPass' in raw.profile;
  const profile = validProfile ? (raw.profile as LibvirtProfile) : libvirtProfile('9.0');
  const pick = <T>(key: keyof RunnerOptions, fallback: T, ok: (v: unknown) => boolean, expected: string): T => {
    const value = raw[key];
    if (value === undefined) return fallback;
    if (!ok(value)) bad(key, expected, value);
    return value as T;
  };
  const isString = (v: unknown) => typeof v === 'string' && v !== '';
  const isInt = (min: number) => (v: unknown) => Number.isSafeInteger(v) && (v as number) >= min;
  const settings: RunnerSettings = {
    hooksDir: pick('hooksDir', '', isString, 'a non-empty path string'),
    libvirtHooksDir: pick('libvirtHooksDir', '/etc/libvirt/hooks', (v) => isString(v) && isAbsolute(v as string), 'an absolute path'),
    directories: pick('directories', profile.hookDirectories, (v) => typeof v === 'boolean', 'a boolean'),
    envPass: pick('envPass', profile.envPass, (v) => Array.isArray(v) && v.every((n) => typeof n === 'string' && ENV_NAME.test(n)), 'an array of variable names'),
    defaultPath: pick('defaultPath', profile.defaultPath, (v) => v === null || typeof v === 'string', 'a string or null'),
    daemonEnv: pick('daemonEnv', RECORDED_DAEMON_ENV, (v) => Array.isArray(v) && v.every((e) =>
      Array.isArray(e) && e.length === 2 && isString(e[0]) && !(e[0] as string).includes('=') && typeof e[1] === 'string'), 'an array of [name, value] string pairs'),
    cwd: pick('cwd', '/', (v) => isString(v) && isAbsolute(v as string) && isDirectory(v as string), 'an absolute path to an existing directory'),
    timeoutMs: pick('timeoutMs', 30_000, isInt(1), 'a positive integer (milliseconds)'),
    lingerGraceMs: pick('lingerGraceMs', 250, isInt(0), 'a non-negative integer (milliseconds)'),
    forceKillAfterMs: pick('forceKillAfterMs', 2_000, isInt(0), 'a non-negative integer (milliseconds)'),
    maxOutputBytes: pick('maxOutputBytes', 16 * 1024 * 1024, isInt(1), 'a positive integer (bytes)'),
    isolation: pick('isolation', 'auto', (v) => ISOLATIONS.includes(v as string), `one of ${ISOLATIONS.map((i) => `'${i}'`).join(', ')}`),
    python: pick('python', 'python3', isString, 'a non-empty command or path'),
    concurrency: pick('concurrency', 4, isInt(1), 'a positive integer'),
    fileSystem: pick('fileSystem', NODE_FILE_SYSTEM, (v) =>
      typeof v === 'object' && v !== null && typeof (v as HookFileSystem).statSync === 'function' && typeof (v as HookFileSystem).readdirSync === 'function',
    'an object with statSync and readdirSync'),
    doubles: null,
  };
  let doubles: CommandDoubles | null = null;
  if (isCommandDoubles(raw.doubles)) doubles = raw.doubles;
  else if (raw.doubles !== undefined) {
    const normalized = normalizeDoubles(raw.doubles, { file: 'createRunner options', path: 'doubles' });
    problems.push(...normalized.problems);
    doubles = createCommandDoubles(normalized.config);
  }
  if (raw.hooksDir === undefined) bad('hooksDir', 'a non-empty path string', undefined);
  if (raw.profile !== undefined && !validProfile) {
    bad('profile', 'a LibvirtProfile from libvirtProfile()', raw.profile);
  }
  if (problems.length > 0) {
    const list = problems.map((p) => `  - ${p.message}`).join('\n');
    throw new VirthookError('OPTIONS_INVALID', `Invalid createRunner options:\n${list}`, { problems });
  }
  const hooksDir = stripSlashes(settings.hooksDir);
  if (!isDirectory(hooksDir)) {
    throw new VirthookError('HOOKS_DIR_NOT_FOUND', `Failed to use hooks directory ${hooksDir}: it does not exist or is not a directory. Pass the directory holding your network/qemu hook scripts (it stands for /etc/libvirt/hooks).`);
  }
  return { ...settings, hooksDir, libvirtHooksDir: stripSlashes(settings.libvirtHooksDir), doubles };
}
