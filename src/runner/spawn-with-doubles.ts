import { closeSync, openSync, readSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { DoublesConfig } from '../doubles/doubles-config.js';
import { canonicalPath, type Interception, type InterceptionInput } from '../doubles/intercepted-commands.js';
import { NODE_INTERCEPTION_FS } from '../doubles/node-interception-fs.js';
import { type MountOp, type NamespacePlan, planNamespace } from '../doubles/plan-namespace.js';
import { planPathFallback } from '../doubles/plan-path-fallback.js';
import { shebangCommands } from '../doubles/shebang-commands.js';
import type { DoublesSlot } from './doubles-slot.js';
import type { ProcessInfo, SpawnRequest, SpawnResult } from './hook-spawner.js';

/** What a spawn mechanism offers doubles. */
export interface DoublesHost {
  /** Why this mechanism has no mount namespace; null when it can build one. */
  readonly withoutNamespace: string | null;
  /** Builds a namespace; resolves to null when ready, else the reason it could not. */
  prepareNamespace(key: string, ops: readonly MountOp[]): Promise<string | null>;
  /** Runs the request, in the namespace `namespace` when not null. */
  spawn(request: SpawnRequest, namespace: string | null): Promise<SpawnResult>;
}

function header(path: string): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(256);
    return buffer.subarray(0, readSync(fd, buffer, 0, 256, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The canonical form of an executed path, as the namespace plan keys it: its directory resolved, its name kept. */
function canonical(path: string): string {
  const where = canonicalPath(posix.dirname(path), NODE_INTERCEPTION_FS);
  return where === null ? path : posix.join(where.anchor, ...where.missing, posix.basename(path));
}

/** A double's process as the hook ran it (`iptables -S (a command double)`), not as the shim's `#!` interpreter line. */
function asRun(info: ProcessInfo, interpreter: string): ProcessInfo {
  const prefix = `${interpreter} -IS `;
  if (!info.command.startsWith(prefix)) return info;
  const [path = '', ...args] = info.command.slice(prefix.length).split(' ');
  return { ...info, command: `${[posix.basename(path), ...args].join(' ')} (a command double)` };
}

const configIds = new WeakMap<DoublesConfig, number>();
let nextConfigId = 0;

/** Same config object, environment, interpreters and hooks directory: same plan. */
function planKey(kind: string, input: InterceptionInput, request: SpawnRequest): string {
  let id = configIds.get(input.config);
  if (id === undefined) configIds.set(input.config, (id = nextConfigId++));
  const { hooksDir, libvirtHooksDir } = request.doubles!;
  return JSON.stringify([kind, id, input.interpreters, hooksDir, libvirtHooksDir, request.env]);
}

async function namespacePlan(request: SpawnRequest, input: InterceptionInput, slot: DoublesSlot, host: DoublesHost): Promise<NamespacePlan | null> {
  if (host.withoutNamespace !== null || slot.namespaceFailure !== null) return null;
  const { hooksDir, libvirtHooksDir, doubles } = request.doubles!;
  const sockets = doubles.config.libvirtCallbacks === 'flag' ? await slot.libvirtListeners() : new Map<string, string>();
  const layout = { hooksDir: resolve(hooksDir), libvirtHooksDir, shim: slot.shim, viewRoot: slot.viewRoot, sockets };
  const plan = slot.plan(planKey('namespace', input, request), () => planNamespace(input, layout, NODE_INTERCEPTION_FS));
  if (!slot.prepared.has(plan.key)) {
    slot.materialize(plan.views);
    const failure = await host.prepareNamespace(plan.key, plan.ops);
    if (failure !== null) {
      slot.namespaceFailure = failure;
      return null;
    }
    slot.prepared.add(plan.key);
  }
  return plan;
}

/**
 * Runs one script with command doubles: in a private mount namespace when the mechanism can build
 * one (the hooks directory shown at libvirt's path and the script run from there, so $0 is
 * /etc/libvirt/hooks/NAME), else with the doubles first on PATH. Records every intercepted call.
 */
export async function spawnWithDoubles(request: SpawnRequest, slot: DoublesSlot, host: DoublesHost): Promise<SpawnResult> {
  const { doubles, script } = request.doubles!;
  const pathEntry = request.env.find((entry) => entry.startsWith('PATH='));
  const input: InterceptionInput = {
    config: doubles.config,
    hookPath: pathEntry === undefined ? null : pathEntry.slice(5),
    interpreters: shebangCommands(header(request.path)),
    protectedPaths: [slot.interpreter],
  };
  const plan = await namespacePlan(request, input, slot, host);
  let spawned: SpawnRequest;
  let lookup: (path: string) => Interception | null;
  const warnings = [...(plan?.warnings ?? [])];
  if (plan !== null) {
    spawned = plan.hooksShown ? { ...request, path: request.libvirtPath, argv: [request.libvirtPath, ...request.argv.slice(1)] } : request;
    lookup = (path) => plan.lookup.get(canonical(path)) ?? null;
  } else {
    const reason = host.withoutNamespace ?? `the mount namespace could not be built (${slot.namespaceFailure})`;
    const fallback = slot.plan(planKey('path', input, request), () => planPathFallback(input, request.env, slot.viewRoot, reason, NODE_INTERCEPTION_FS));
    slot.materialize([fallback.view]);
    spawned = { ...request, env: fallback.env };
    lookup = (path) => fallback.lookup.get(posix.basename(path)) ?? null;
    warnings.push(fallback.warning);
  }
  slot.begin({ script, doubles, resolve: lookup });
  let result: SpawnResult;
  try {
    result = await host.spawn(spawned, plan === null ? null : plan.key);
    // A connection to a libvirt socket is queued before the script's exit is reported; let node accept it first.
    await new Promise((resolve) => setImmediate(resolve));
  } catch (error) {
    slot.end();
    throw error;
  }
  const record = slot.end();
  const shown = (list: readonly ProcessInfo[]) => list.map((info) => asRun(info, slot.interpreter));
  result = { ...result, survivors: shown(result.survivors), lingering: result.lingering && { ...result.lingering, holders: shown(result.lingering.holders) } };
  return { ...result, doubles: { mode: plan === null ? 'path' : 'namespace', commands: record.commands, violations: record.violations, warnings } };
}
