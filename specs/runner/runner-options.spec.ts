import { afterAll, describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { libvirtProfile, RECORDED_DAEMON_ENV } from '../../src/model/libvirt-profile.js';
import { normalizeRunnerOptions, type RunnerOptions } from '../../src/runner/runner-options.js';
import { makeSandbox } from './hooks-dir.js';

const sandbox = makeSandbox({});
afterAll(() => sandbox.remove());

function errorOf(options: unknown): VirthookError {
  try {
    normalizeRunnerOptions(options as RunnerOptions);
  } catch (error) {
    if (error instanceof VirthookError) return error;
    throw error;
  }
  throw new Error('expected a VirthookError');
}

describe('normalizeRunnerOptions', () => {
  it('applies the documented defaults (libvirt 9.0, recorded daemon env, cwd /)', () => {
    const settings = normalizeRunnerOptions({ hooksDir: `${sandbox.hooksDir}/` });
    expect(settings).toMatchObject({
      hooksDir: sandbox.hooksDir, libvirtHooksDir: '/etc/libvirt/hooks', directories: true,
      envPass: libvirtProfile('9.0').envPass, defaultPath: null, daemonEnv: RECORDED_DAEMON_ENV, cwd: '/',
      timeoutMs: 30_000, lingerGraceMs: 250, forceKillAfterMs: 2_000, maxOutputBytes: 16 * 1024 * 1024,
      isolation: 'auto', python: 'python3', concurrency: 4,
    });
  });

  it('takes directories, envPass and defaultPath from the profile unless given', () => {
    const old = normalizeRunnerOptions({ hooksDir: sandbox.hooksDir, profile: libvirtProfile('5.10') });
    expect(old).toMatchObject({ directories: false, defaultPath: '/bin:/usr/bin', envPass: libvirtProfile('5.10').envPass });
    expect(normalizeRunnerOptions({ hooksDir: sandbox.hooksDir, profile: libvirtProfile('5.10'), directories: true }).directories).toBe(true);
  });

  it('lists every problem with the option, the value and its type', () => {
    const error = errorOf({ hooksDir: sandbox.hooksDir, timeoutMs: -5, isolation: 'docker', envPass: ['PATH', 'BAD NAME'], daemonEnv: [['A=B', 'x']], cwd: 'relative', timeout: 3 });
    expect(error.code).toBe('OPTIONS_INVALID');
    expect(error.problems.map((p) => p.path).sort()).toEqual(['cwd', 'daemonEnv', 'envPass', 'isolation', 'timeout', 'timeoutMs']);
    expect(error.message).toContain('timeoutMs must be a positive integer (milliseconds), got -5 (number)');
    expect(error.message).toContain(`isolation must be one of 'auto', 'pid-namespace', 'subreaper', 'process-group', got "docker" (string)`);
    expect(error.message).toContain('timeout is not an option');
  });

  it('requires hooksDir, and an existing directory for it', () => {
    expect(errorOf({}).code).toBe('OPTIONS_INVALID');
    expect(errorOf({}).problems.map((p) => p.path)).toEqual(['hooksDir']);
    expect(errorOf({ hooksDir: `${sandbox.root}/missing` }).code).toBe('HOOKS_DIR_NOT_FOUND');
    expect(errorOf({ hooksDir: `${sandbox.root}/missing` }).message).toMatch(/missing: it does not exist.*stands for \/etc\/libvirt\/hooks/);
  });

  it('rejects a cwd that does not exist, since hooks would inherit it', () => {
    expect(errorOf({ hooksDir: sandbox.hooksDir, cwd: `${sandbox.root}/nope` }).problems[0]?.path).toBe('cwd');
  });

  it('rejects a non-object', () => {
    expect(errorOf(null).code).toBe('OPTIONS_INVALID');
  });
});
