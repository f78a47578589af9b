import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { survivors } from '../support/survivors.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);
let repo: string;

async function copy(from: string, to: string, mode?: number) {
  await writeFile(join(repo, to), await readFile(new URL(from, EXAMPLES)));
  if (mode !== undefined) await chmod(join(repo, to), mode);
}

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'virthook-guests-'));
  await mkdir(join(repo, 'hooks/network.d'), { recursive: true });
  await mkdir(join(repo, 'fw'), { recursive: true });
  await copy('hooks/network', 'hooks/network', 0o755);
  await copy('hooks/network.d/50-audit', 'hooks/network.d/50-audit', 0o755);
  await copy('hooks/qemu', 'hooks/qemu', 0o755);
  await copy('networks/nat.xml', 'nat.xml');
  await copy('domains/web.xml', 'web.xml');
  // A firewall hook for the doubles cases: iptables on started, virsh only when told to.
  await writeFile(join(repo, 'fw/network'), [
    '#!/bin/sh',
    'cat >/dev/null',
    '[ "$2" = started ] || exit 0',
    'iptables -t nat -A POSTROUTING -s 198.51.100.0/24 -j MASQUERADE',
    '[ -e "$(dirname "$0")/call-virsh" ] && virsh net-list >/dev/null 2>&1',
    'exit 0',
    '',
  ].join('\n'), { mode: 0o755 });
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

async function run(name: string, yaml: string, env: Record<string, string> = {}) {
  await writeFile(join(repo, name), yaml);
  let stdout = '';
  const code = await main(['run', name], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stdout += t) }, cwd: repo, env, isTTY: false });
  return { code, stdout };
}

/** Runs a scenario with the JSON reporter: its one run's failures and recording. */
async function runJson(name: string, yaml: string, args: string[] = []) {
  await writeFile(join(repo, name), yaml);
  let stdout = '';
  const code = await main(['run', name, '--reporter', 'json', ...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stdout += t) }, cwd: repo, env: {}, isTTY: false });
  return { code, report: JSON.parse(stdout).scenarios[0].runs[0] };
}

describe('scenario steps for guests and daemons, against real hooks', () => {
  it('runs a guest lifecycle with its port, per release', async () => {
    const { code, stdout } = await run('guest.yaml', `
hooks: hooks
libvirt: ['9.0', '11.3']
networks: [nat.xml]
domains: [web.xml]
steps:
  - net-start: lab-nat
  - start: web
    expect:
      calls:
        - { hook: qemu, op: prepare }
        - { hook: network, op: port-created, stdin: { xpath: { /hookData/network/@connections: "1" } } }
        - { hook: network.d/50-audit, op: port-created }
        - { hook: qemu, op: start }
        - { hook: qemu, op: started }
  - destroy: web
    expect:
      mode: ordered
      calls: [{ hook: qemu, argv: [web, release, end, '-'] }]
      per-libvirt:
        ">=10.5": { mode: ordered, calls: [{ hook: qemu, argv: [web, release, end, destroyed] }] }
expect: { state: { networks: { lab-nat: { active: true, connections: 0 } } } }
`);
    expect(stdout).toContain('2 passed, 0 failed');
    expect(code).toBe(0);
  });

  it('restarts the modular daemons separately: virtqemud only reconnects, virtnetworkd replays ports', async () => {
    const { code, stdout } = await run('modular.yaml', `
hooks: hooks
daemon: { mode: modular }
networks: [nat.xml]
domains: [web.xml]
steps:
  - net-start: lab-nat
  - start: web
  - daemon-restart: { daemon: virtqemud }
    expect: { calls: [{ hook: qemu, op: reconnect }] }
  - daemon-restart: { daemon: virtnetworkd }
    expect: { calls: [{ hook: network, op: port-created }, { hook: network.d/50-audit, op: port-created }] }
`);
    expect(stdout).toContain('1 passed, 0 failed');
    expect(code).toBe(0);
  });

  it('doubles iptables, checks its calls, and can fail on them', async () => {
    const scenario = (argv: string) => `
hooks: fw
networks: [nat.xml]
doubles: { iptables: {} }
steps:
  - net-start: lab-nat
    expect:
      commands:
        - { command: iptables, argv: [${argv}], times: 1 }
`;
    const good = await run('fw-good.yaml', scenario('-t, nat, -A, POSTROUTING, -s, 198.51.100.0/24, -j, MASQUERADE'));
    expect(good.stdout).toContain('1 passed, 0 failed');
    const bad = await run('fw-bad.yaml', scenario('-t, nat, -A, POSTROUTING, -s, 10.0.0.0/8, -j, MASQUERADE'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('to be called 1 time, it was called 0 times');
  });

  it('fails a scenario whose hook calls back into libvirt, and refuses undoubled commands in CI', async () => {
    await writeFile(join(repo, 'fw/call-virsh'), '');
    const callback = await run('fw-virsh.yaml', 'hooks: fw\nnetworks: [nat.xml]\ndoubles: { iptables: {} }\nsteps:\n  - net-start: lab-nat\n');
    await rm(join(repo, 'fw/call-virsh'));
    expect(callback.code).toBe(1);
    expect(callback.stdout).toMatch(/virsh net-list: this deadlocks a real libvirtd/);
    const strict = await run('fw-strict.yaml', 'hooks: fw\nnetworks: [nat.xml]\nsteps:\n  - net-start: lab-nat\n', { CI: 'true' });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/iptables/);
  });

  it('changes hook files mid-scenario in a scratch copy, as libvirt sees them (oracle h1a, h2a)', async () => {
    const { code, stdout } = await run('hook-files.yaml', `
hooks: hooks
networks: [nat.xml]
steps:
  - hook-chmod: { path: network, mode: "644" }
  - net-start: lab-nat
    expect: { calls: [{ hook: network.d/50-audit, op: start }, { hook: network.d/50-audit, op: started }] }
  - hook-write: { path: network.d/15-late, content: "#!/bin/sh\\ncat >/dev/null\\n" }
  - net-destroy: lab-nat
    expect: { calls: [{ hook: network.d/15-late, op: stopped }, { hook: network.d/50-audit, op: stopped }] }
  - hook-remove: qemu
`);
    expect(stdout).toContain('1 passed, 0 failed');
    expect(code).toBe(0);
    // The user's hooks directory is untouched.
    const { stat, readdir } = await import('node:fs/promises');
    expect((await stat(join(repo, 'hooks/network'))).mode & 0o111).not.toBe(0);
    expect(await readdir(join(repo, 'hooks'))).toContain('qemu');
    expect(await readdir(join(repo, 'hooks/network.d'))).toEqual(['50-audit']);
  });

  it('runs every port-created replay order with --replay-orders all', async () => {
    await copy('../fixtures/oracle/xml/dom-vm2.xml', 'vm2.xml');
    await copy('../fixtures/oracle/xml/net-nat.xml', 'lvo-nat.xml');
    await writeFile(join(repo, 'orders.yaml'), 'hooks: hooks\nnetworks: [lvo-nat.xml]\ndomains: [vm2.xml]\nsteps:\n  - net-start: lvo-nat\n  - start: lvo-vm2\n  - daemon-restart:\n');
    let stdout = '';
    const code = await main(['run', 'orders.yaml', '--replay-orders', 'all'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stdout += t) }, cwd: repo, env: {}, isTTY: false });
    expect(code).toBe(0);
    // Two ports on one network: the seeded run is one of the two orders libvirt's hash table could give, then the other.
    const labels = [...stdout.matchAll(/replay order (\d\/2: [^\]]*)\]/g)].map((m) => m[1]).sort();
    expect(labels).toHaveLength(2);
    expect(labels[0]).toMatch(/^1\/2: (lvo-nat:52:54:00:00:01:0\d(, )?){2} \(the seed's\)$/);
    const other = labels[0]!.includes('01:01, ') ? 'lvo-nat:52:54:00:00:01:02, lvo-nat:52:54:00:00:01:01' : 'lvo-nat:52:54:00:00:01:01, lvo-nat:52:54:00:00:01:02';
    expect(labels[1]).toBe(`2/2: ${other}`);
    expect(stdout).toContain('2 passed, 0 failed');
  });

  it('starts from libvirt status files (state-files:) and replays their ports at a restart', async () => {
    // Build a host's files with the library, as a running libvirtd would have left them.
    const { createSession } = await import('../../src/harness/create-session.js');
    const { parseNetworkXml } = await import('../../src/xml/parse-network.js');
    const { parseDomainXml } = await import('../../src/xml/parse-domain.js');
    const session = await createSession({ hooksDir: join(repo, 'hooks') });
    await session.run({ verb: 'net-define', def: parseNetworkXml(await readFile(join(repo, 'nat.xml'), 'utf8'), 'nat.xml'), file: 'nat.xml' });
    await session.run({ verb: 'net-start', network: 'lab-nat' });
    await session.run({ verb: 'define', def: parseDomainXml(await readFile(join(repo, 'web.xml'), 'utf8'), 'web.xml'), file: 'web.xml' });
    await session.run({ verb: 'start', domain: 'web' });
    const { symlink } = await import('node:fs/promises');
    for (const [path, content] of session.files) {
      const target = join(repo, 'host', path);
      await mkdir(join(target, '..'), { recursive: true });
      if (typeof content === 'string') await writeFile(target, content);
      else await symlink(content.symlink, target);
    }
    await session.dispose();
    const { code, stdout } = await run('from-state.yaml', `
hooks: hooks
state-files: host
steps:
  - daemon-restart:
    expect:
      mode: ordered
      calls:
        - { hook: network, op: port-created, stdin: { xpath: { /hookData/networkport/owner/name: web } } }
        - { hook: qemu, op: reconnect }
  - destroy: web
    expect: { mode: ordered, calls: [{ hook: network, op: port-deleted }] }
`);
    expect(stdout).toContain('1 passed, 0 failed');
    expect(code).toBe(0);
  });

  it("uses a step's own timeout over the scenario's; the stopped hook fails the scenario and is no veto", async () => {
    await mkdir(join(repo, 'hang'), { recursive: true });
    await writeFile(join(repo, 'hang/network'), '#!/bin/sh\ncat >/dev/null\n[ "$2" = start ] && exec sleep 1000\nexit 0\n', { mode: 0o755 });
    const { code, report } = await runJson('step-timeout.yaml', `
hooks: hang
networks: [nat.xml]
timeout: 120
steps:
  - net-start: lab-nat
    timeout: 0.5
    expect: { ok: false, vetoed: false, error: { contains: 'stopped by virthook after the 0.5 s timeout' } }
`);
    expect(code).toBe(1);
    // Every expectation holds: the only failure is virthook's own verdict on the hook.
    expect(report.failures).toEqual([{ stepIndex: 1, path: 'steps[0]', line: 6, invocation: 0,
      message: 'network lab-nat start begin -: the hook was stopped by virthook after the 0.5 s timeout: a real libvirtd would still be waiting (libvirt has no timeout)' }]);
  });

  it("uses a step's own max-output over the scenario's and the CLI's --max-output over both; the capped hook fails the scenario", async () => {
    await mkdir(join(repo, 'flood'), { recursive: true });
    await writeFile(join(repo, 'flood/network'), '#!/bin/sh\ncat >/dev/null\n[ "$2" = started ] && head -c 5000 /dev/zero\nexit 0\n', { mode: 0o755 });
    const yaml = `
hooks: flood
networks: [nat.xml]
max-output: 1M
steps:
  - net-start: lab-nat
    max-output: 1K
    expect: { ok: false, vetoed: false, error: { contains: 'at the output cap (1024 bytes of stdout)' } }
`;
    const capped = await runJson('step-max-output.yaml', yaml);
    expect(capped.code).toBe(1);
    expect(capped.report.failures).toEqual([{ stepIndex: 1, path: 'steps[0]', line: 6, invocation: 1,
      message: 'network lab-nat started begin -: the hook was stopped by virthook at the output cap (1024 bytes of stdout): a real libvirtd would keep reading' }]);
    expect(capped.report.recording.invocations[1]).toMatchObject({ outputCapped: 'stdout', maxOutputBytes: 1024, stdout: '\0'.repeat(1024) });
    // --max-output wins over the step's: 5,000 bytes fit, the step succeeds and its expectation fails.
    const roomy = await runJson('step-max-output.yaml', yaml, ['--max-output', '8K']);
    expect(roomy.report.failures.map((f: { path: string }) => f.path)).toEqual(['steps[0].expect.ok', 'steps[0].expect.error']);
    expect(roomy.report.recording.invocations[1]).toMatchObject({ exitCode: 0, stdout: '\0'.repeat(5000) });
  });

  it('leaves no process behind', () => {
    expect(survivors()).toEqual([]);
  });
});
