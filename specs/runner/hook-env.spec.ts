import { describe, expect, it } from 'vitest';
import { libvirtProfile, RECORDED_DAEMON_ENV } from '../../src/model/libvirt-profile.js';
import { hookEnv } from '../../src/runner/hook-env.js';
import { readTrace, runsAfter } from './oracle.js';

const profile = libvirtProfile('9.0');
const m = readTrace('m-env-passthrough');

// The daemon environments of scenario m, as started in its transcript (env -i ...).
const M1: Array<[string, string]> = [
  ['PATH', '/opt/lvo/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOME', '/nonexistent-home'], ['LANG', 'C.UTF-8'],
  ['LC_ALL', 'fr_FR.UTF-8'], ['TMPDIR', '/var/tmp'], ['LD_LIBRARY_PATH', '/opt/lvo/lib'], ['TZ', 'Europe/Paris'],
  ['LVORACLE_MARKER', 'set-in-libvirtd-env'], ['LIBVIRT_LOG_FILTERS', '3:*'],
];
const M2: Array<[string, string]> = [['HOME', '/root'], ['LANG', 'C.UTF-8'], ['INVOCATION_ID', '0123456789abcdef'], ['LVORACLE_MARKER', 'fg']];
const M3: Array<[string, string]> = [['PATH', '/usr/sbin:/usr/bin:/sbin:/bin'], ...M2];

describe('hookEnv (virCommandAddEnvPassCommon)', () => {
  it.each([
    ['m1 net-start', M1],
    ['m2 start libvirtd', M2],
    ['m3 net-start', M3],
  ])('matches the environment the hooks recorded after "%s"', (marker, daemonEnv) => {
    const recorded = runsAfter(m, marker).map((r) => r.env);
    expect(recorded.length).toBeGreaterThan(0);
    for (const env of recorded) expect(hookEnv(daemonEnv, profile.envPass, profile.defaultPath)).toEqual(env);
  });

  it('matches the default recorded daemon (scenario b)', () => {
    expect(hookEnv(RECORDED_DAEMON_ENV, profile.envPass, profile.defaultPath)).toEqual(readTrace('b-start-veto').find((r) => r.env)?.env);
  });

  it('follows the pass-list order, not the daemon order, and takes the first duplicate like getenv', () => {
    expect(hookEnv([['TMPDIR', '/t'], ['USER', 'u'], ['USER', 'v'], ['LD_PRELOAD', '/p.so']], profile.envPass, null))
      .toEqual(['LC_ALL=C', 'LD_PRELOAD=/p.so', 'USER=u', 'TMPDIR=/t']);
  });

  it('keeps a variable set to the empty string', () => {
    expect(hookEnv([['HOME', '']], profile.envPass, null)).toEqual(['LC_ALL=C', 'HOME=']);
  });

  it('gives PATH=/bin:/usr/bin before 6.0 when the daemon has no PATH, in PATH\'s place', () => {
    const old = libvirtProfile('5.10');
    expect(hookEnv([['HOME', '/root']], old.envPass, old.defaultPath)).toEqual(['LC_ALL=C', 'PATH=/bin:/usr/bin', 'HOME=/root']);
    expect(hookEnv([['HOME', '/root']], profile.envPass, profile.defaultPath)).toEqual(['LC_ALL=C', 'HOME=/root']);
  });
});
