import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { createSession } from '../../src/harness/create-session.js';
import { skippedWithout } from '../runner/sandbox-runner.js';
import { survivors } from '../support/survivors.js';

let repo: string;

/**
 * A network hook that, at `started`, runs iptables with a variable set (failing when it fails)
 * and ip from /tmp; at `stopped`, reads a sysctl and calls virsh (a call back into libvirt).
 */
const HOOK = [
  '#!/bin/sh',
  'cat >/dev/null',
  'case "$2" in',
  '  started) HOOK_MODE=nat iptables -t nat -A POSTROUTING -j MASQUERADE || exit 1; (cd /tmp && ip link show virbr-lab) ;;',
  '  stopped) sysctl -n kernel.ostype >/dev/null 2>&1; virsh net-list >/dev/null 2>&1 ;;',
  'esac',
  'exit 0',
  '',
].join('\n');

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'virthook-doubles-settings-'));
  await mkdir(join(repo, 'hooks'));
  await writeFile(join(repo, 'hooks/network'), HOOK, { mode: 0o755 });
  await copyFile(new URL('../../examples/networks/nat.xml', import.meta.url), join(repo, 'nat.xml'));
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
  expect(survivors()).toEqual([]);
});

/** Runs a scenario (strict off unless it says so, whatever this machine's CI variable) and lists its failures as `path: message`. */
async function failuresOf(yaml: string): Promise<string[]> {
  await writeFile(join(repo, 's.yaml'), `hooks: hooks\nnetworks: [nat.xml]\n${yaml}`);
  const result = await runScenario(await loadScenario(join(repo, 's.yaml')), { strictByDefault: false });
  return result.runs.flatMap((run) => run.failures.map((f) => `${f.path}: ${f.message}`));
}

describe('command expectations on environment and working directory', () => {
  it('pass on what the command got, and fail naming the difference', async () => {
    const scenario = (env: string, cwd: string) => `doubles: { iptables: {}, ip: {} }
libvirt-callbacks: allow
steps:
  - net-start: lab-nat
    expect:
      commands:
        - { command: iptables, env: ${env} }
        - { command: ip, cwd: ${cwd}, env: { HOOK_MODE: null } }
`;
    expect(await failuresOf(scenario("{ HOOK_MODE: nat, LC_ALL: C, PATH: { contains: /usr/sbin }, USER: { matches: '^root$' } }", '/tmp'))).toEqual([]);
    expect(await failuresOf(scenario('{ HOOK_MODE: bridge }', '/'))).toEqual([
      'steps[0].expect.commands[0]: expected iptables with HOOK_MODE=bridge to be called, but iptables was called 1 time otherwise',
      'steps[0].expect.commands[1]: expected ip with HOOK_MODE unset in / to be called, but ip was called 1 time otherwise',
    ]);
  });

  it('are validated when the scenario is loaded', async () => {
    await writeFile(join(repo, 'bad.yaml'), 'hooks: hooks\nsteps:\n  - net-start: lab-nat\n    expect: { commands: [{ command: ip, env: { A: 1 }, cwd: "", matches: "(" }] }\n');
    const error = await loadScenario(join(repo, 'bad.yaml')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SCENARIO_INVALID' });
    const paths = (error as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['steps[0].expect.commands[0].env.A', 'steps[0].expect.commands[0].cwd', 'steps[0].expect.commands[0].matches']));
  });
});

describe('per-step strict, allow and libvirt-callbacks', () => {
  it('libvirt-callbacks: allow at scenario level lets virsh answer as a double, recorded, without failing', async () => {
    expect(await failuresOf(`doubles: { iptables: {}, ip: {} }
libvirt-callbacks: allow
steps:
  - net-start: lab-nat
  - net-destroy: lab-nat
    expect: { commands: [{ command: virsh, argv: [net-list], times: 1 }] }
`)).toEqual([]);
  });

  it('a step overrides the scenario: it flags callbacks, turns strict on, or allows a command for itself only', async () => {
    const failures = await failuresOf(`doubles: { iptables: {}, ip: {} }
libvirt-callbacks: allow
steps:
  - net-start: lab-nat
  - net-destroy: lab-nat
    libvirt-callbacks: flag
    strict: true
  - net-start: lab-nat
  - net-destroy: lab-nat
    strict: true
    allow: [sysctl]
`);
    expect(failures).toEqual([
      'steps[1]: network lab-nat stopped end -: network ran sysctl -n kernel.ostype, which is neither doubled nor allowed (strict mode). Double it in the scenario (doubles: { sysctl: { replies: [{ stdout: ..., exit: 0 }] } }) or let it run for real (allow: [sysctl]).',
      "steps[1]: network lab-nat stopped end -: network ran virsh net-list: this deadlocks a real libvirtd (libvirt runs hooks synchronously while holding the network's lock). Do the work outside the hook, or set libvirt-callbacks: allow in the scenario (libvirtCallbacks in code) if this is intended.",
    ]);
  });

  it('keeps reply sequences going through a step that only changes a setting', async () => {
    expect(await failuresOf(`doubles:
  iptables: { sequence: [{ exit: 0 }, { exit: 3 }] }
  ip: {}
libvirt-callbacks: allow
steps:
  - net-start: lab-nat
    expect: { commands: [{ command: iptables, times: 1 }] }
  - net-destroy: lab-nat
  - net-start: lab-nat
    strict: true
    expect: { ok: false, error: { contains: 'unexpected exit status 1' }, commands: [{ command: iptables, times: 1 }] }
`)).toEqual([]);
  });

  it('rejects bad step settings with their paths', async () => {
    await writeFile(join(repo, 'bad-step.yaml'), "hooks: hooks\nsteps:\n  - net-start: lab-nat\n    strict: 'yes'\n    allow: ethtool\n    libvirt-callbacks: ignore\n");
    const error = await loadScenario(join(repo, 'bad-step.yaml')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SCENARIO_INVALID' });
    expect((error as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(expect.arrayContaining(['steps[0].strict', 'steps[0].allow', 'steps[0].libvirt-callbacks']));
  });
});

describe('command expectations without a mount namespace (PATH fallback)', () => {
  it('hint that a command run by absolute path was not seen; with a namespace, no such hint', async () => {
    await mkdir(join(repo, 'abs/hooks'), { recursive: true });
    await writeFile(join(repo, 'abs/hooks/network'), '#!/bin/sh\ncat >/dev/null\n/no/such/dir/iptables -L 2>/dev/null\nexit 0\n', { mode: 0o755 });
    await writeFile(join(repo, 'abs/s.yaml'), 'hooks: hooks\nnetworks: [../nat.xml]\ndoubles: { iptables: {} }\nsteps:\n  - net-start: lab-nat\n    expect: { commands: [{ command: iptables }] }\n');
    const hints = async (isolation: 'subreaper' | 'auto') => {
      const result = await runScenario(await loadScenario(join(repo, 'abs/s.yaml')), { strictByDefault: false, createSession: (options) => createSession({ ...options, isolation }) });
      return result.runs.flatMap((run) => run.failures.map((f) => [f.path, f.hint ?? null]));
    };
    // subreaper builds no mount namespace: the doubles go on PATH.
    expect(await hints('subreaper')).toEqual([['steps[0].expect.commands[0]', expect.stringMatching(/^command doubles fell back to PATH for this step \(see the warning\): a command the hook runs by absolute path/)]]);
    // In a namespace the expectation fails the same way (no such iptables), with nothing to blame on interception.
    if ((await skippedWithout('pid-namespace')) === '') expect(await hints('auto')).toEqual([['steps[0].expect.commands[0]', null]]);
  });
});

describe('strict mode by default in CI', () => {
  afterEach(() => vi.unstubAllEnvs());
  // sysctl is neither doubled nor allowed: refused in strict mode, run for real (a harmless read) otherwise.
  const yaml = 'hooks: hooks\nnetworks: [nat.xml]\ndoubles: { iptables: {}, ip: {} }\nlibvirt-callbacks: allow\nsteps:\n  - net-start: lab-nat\n  - net-destroy: lab-nat\n';
  const refused = /^steps\[1\]: network lab-nat stopped end -: network ran sysctl -n kernel\.ostype, which is neither doubled nor allowed \(strict mode\)/;

  it('runScenario is strict when CI is set, and not when CI is false, 0 or unset, unless told', async () => {
    await writeFile(join(repo, 'ci.yaml'), yaml);
    const failures = async () => {
      const result = await runScenario(await loadScenario(join(repo, 'ci.yaml')));
      return result.runs.flatMap((run) => run.failures.map((f) => `${f.path}: ${f.message}`));
    };
    vi.stubEnv('CI', 'true');
    expect(await failures()).toEqual([expect.stringMatching(refused)]);
    vi.stubEnv('CI', 'false');
    expect(await failures()).toEqual([]);
    vi.stubEnv('CI', '0');
    expect(await failures()).toEqual([]);
    vi.stubEnv('CI', 'true');
    expect((await runScenario(await loadScenario(join(repo, 'ci.yaml')), { strictByDefault: false })).passed).toBe(true);
  });

  it("the CLI decides from the env it is given, with the same rule", async () => {
    await writeFile(join(repo, 'ci.yaml'), yaml);
    const run = async (env: Record<string, string>) => {
      let out = '';
      const sink = { write: (t: string) => void (out += t) };
      const code = await main(['run', 'ci.yaml', '--jobs', '1'], { stdout: sink, stderr: sink, cwd: repo, env, isTTY: false });
      return { code, out };
    };
    vi.stubEnv('CI', 'true');
    expect((await run({ CI: 'FALSE' })).code).toBe(0);
    expect((await run({ CI: '0' })).code).toBe(0);
    vi.stubEnv('CI', '');
    const strict = await run({ CI: 'true' });
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('network ran sysctl -n kernel.ostype, which is neither doubled nor allowed (strict mode)');
  });
});
