import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** bats-core as the comparison uses it; a fixed release so runs compare. */
const BATS_PACKAGE = 'bats@1.13.0';

function run(file, args, timeoutMs = 180_000) {
  const result = spawnSync(file, args, { encoding: 'utf8', timeout: timeoutMs });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim(), error: result.error?.message ?? null };
}

function version(file, args = ['--version']) {
  const result = run(file, args, 10_000);
  return result.ok ? result.output.split('\n')[0] : null;
}

/**
 * bats-core: the one on PATH, else the copy in `toolsDir`, else `npm install` it there (the npm
 * registry is the only network this needs). Idempotent; returns `{ bin, version }` or `{ skip }`.
 */
export function ensureBats(toolsDir) {
  const local = join(toolsDir, 'node_modules/bats/bin/bats');
  for (const bin of ['bats', local]) {
    const found = version(bin);
    if (found) return { bin, version: found, source: bin === 'bats' ? 'PATH' : `npm (${BATS_PACKAGE}) in ${toolsDir}` };
  }
  mkdirSync(toolsDir, { recursive: true });
  const install = run('npm', ['install', '--prefix', toolsDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', BATS_PACKAGE]);
  const found = existsSync(local) ? version(local) : null;
  if (found) return { bin: local, version: found, source: `npm (${BATS_PACKAGE}) in ${toolsDir}` };
  return { skip: `bats-core could not be installed (npm install ${BATS_PACKAGE}: ${install.error ?? install.output.split('\n').slice(-2).join(' ')})` };
}

/**
 * GNU parallel, which `bats --jobs` needs: on PATH, else apt-get it when root. Returns
 * `{ version }` or `{ skip }` (bats then runs its files one after another).
 */
export function ensureParallel() {
  const present = version('parallel');
  if (present) return { version: present, source: 'PATH' };
  if (process.getuid?.() !== 0 || !version('apt-get', ['--version'])) {
    return { skip: 'GNU parallel is not installed and this is not root with apt-get: install it (apt-get install parallel) for bats --jobs' };
  }
  let install = run('apt-get', ['install', '-y', '-qq', 'parallel']);
  if (!install.ok) {
    run('apt-get', ['update', '-qq']);
    install = run('apt-get', ['install', '-y', '-qq', 'parallel']);
  }
  const found = version('parallel');
  return found ? { version: found, source: 'apt-get' } : { skip: `GNU parallel could not be installed: ${install.output.split('\n').slice(-2).join(' ')}` };
}

/** Compiles the C spawn floor with the machine's cc; returns `{ bin, compiler }` or `{ skip }` (the Node floor stands in). */
export function buildSpawnFloor(toolsDir, source) {
  const compiler = version('cc');
  if (!compiler) return { skip: 'no C compiler (cc): the floor is Node\'s child_process.spawn' };
  mkdirSync(toolsDir, { recursive: true });
  const bin = join(toolsDir, 'spawn-floor');
  try {
    execFileSync('cc', ['-O2', '-o', bin, source], { stdio: 'pipe' });
  } catch (error) {
    return { skip: `cc failed to build the floor: ${String(error.stderr ?? error.message).trim()}` };
  }
  return { bin, compiler };
}
