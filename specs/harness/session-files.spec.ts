import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { createSession } from '../../src/harness/create-session.js';
import { Session, type HookRunnerLike } from '../../src/harness/session.js';
import type { HookCall } from '../../src/model/hook-call.js';
import type { HookDriver } from '../../src/model/hook-driver.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import { seedSimulatorState } from '../../src/simulator/seed-simulator-state.js';
import { renderStatusFiles } from '../../src/status/render-status-files.js';
import { guest, iso, nat } from '../simulator/support/sample-host.js';

/** A runner that spawns nothing: every hook is present and succeeds; the calls are kept. */
function quietRunner(found: readonly HookDriver[] = ['daemon', 'qemu', 'network']): HookRunnerLike & { calls: HookCall[] } {
  const calls: HookCall[] = [];
  return {
    calls,
    async run(call) {
      calls.push(call);
      return { status: 'ok', error: null, output: null, scripts: [], isolation: 'process-group' };
    },
    async scan() { return [...found]; },
    async dispose() {},
  };
}

const busy = () => seedSimulatorState({
  profile: libvirtProfile('9.0'), seed: 'session', hooksFound: ['daemon', 'qemu', 'network'],
  networks: [{ def: nat(), active: true }, { def: iso(), active: true }], domains: [{ def: guest('qemu'), running: true }],
});

const portPaths = (session: Session) => [...session.files.keys()].filter((p) => p.includes('/ports/'));

describe('Session keeps libvirt\'s files in a memory volume', () => {
  it('starts with the files of its state, and exposes them as a map and as a memfs volume', () => {
    const state = busy();
    const session = new Session(state, quietRunner());
    expect(new Map([...session.files].sort())).toEqual(new Map([...renderStatusFiles(state)].sort()));
    expect(String(session.volume.readFileSync('/run/libvirt/network/nat.xml', 'utf8'))).toContain('<networkstatus>');
    expect(session.volume.statSync('/run/libvirt/network/nat.xml').mode & 0o777).toBe(0o600);
  });

  it('writes and removes them as the steps run', async () => {
    const session = new Session(busy(), quietRunner());
    await session.run({ verb: 'destroy', domain: 'vm' });
    expect(portPaths(session)).toEqual([]);
    expect(session.files.has('/run/libvirt/qemu/vm.xml')).toBe(false);
    await session.run({ verb: 'start', domain: 'vm' });
    expect(portPaths(session)).toHaveLength(2);
    expect(session.files.get('/run/libvirt/qemu/vm.xml')).toContain("<domain type='qemu' id='2'>");
    await session.run({ verb: 'net-autostart', network: 'nat', disable: false });
    expect(session.volume.readlinkSync('/etc/libvirt/qemu/networks/autostart/nat.xml')).toBe('/etc/libvirt/qemu/networks/nat.xml');
  });

  it('a restart replays the ports from the volume: a file edited between stop and start changes the replayed stdin', async () => {
    const runner = quietRunner();
    const session = new Session(busy(), runner);
    await session.run({ verb: 'daemon-stop' });
    const path = portPaths(session).find((p) => p.includes('/nat/'))!;
    session.volume.writeFileSync(path, String(session.volume.readFileSync(path, 'utf8')).replace('  <plug ', '  <port isolated=\'yes\'/>\n  <plug '));
    const step = await session.run({ verb: 'daemon-start' });
    const replay = step.calls.find((c) => c.call.op === 'port-created' && c.call.object === 'nat')!;
    expect(replay.call.stdin).toContain("    <port isolated='yes'/>\n    <plug type='network' bridge='natbr0'/>\n");
  });

  it('logs what libvirt could not load, and brings a network without status file back inactive', async () => {
    const session = new Session(busy(), quietRunner());
    await session.run({ verb: 'daemon-stop' });
    session.volume.unlinkSync('/run/libvirt/network/iso.xml');
    session.volume.writeFileSync('/run/libvirt/network/nat.xml', '<networkstatus>');
    const step = await session.run({ verb: 'daemon-start' });
    expect(step.calls.map((c) => c.call.op)).toEqual(['start', 'reconnect']);
    expect(step.logs).toContainEqual(expect.stringMatching(/^Failed to load network status \/run\/libvirt\/network\/nat\.xml: Malformed XML/));
    expect(session.state.networks['iso']!.live).toBeNull();
    expect(session.state.networks['nat']!.live).toBeNull();
  });
});

describe('createSession({ statusFiles }): a host that starts from given files', () => {
  it('rebuilds networks, ports and guests from them without running a hook, and replays them at the next restart', async () => {
    const files = renderStatusFiles(busy());
    const runner = quietRunner();
    const session = await createSession({ hooksDir: '/nonexistent', runner: runner as never, statusFiles: files });
    expect(runner.calls).toEqual([]);
    expect(Object.keys(session.state.networks)).toEqual(['iso', 'nat']);
    expect(session.state.domains['vm']!.live!.id).toBe(1);
    expect(session.state.hostBridges.map((b) => b.name).sort()).toEqual(['isobr0', 'natbr0']);
    const step = await session.run({ verb: 'daemon-restart' });
    expect(step.calls.map((c) => `${c.call.object} ${c.call.op}`).sort()).toEqual(['- shutdown', '- start', 'iso port-created', 'nat port-created', 'vm reconnect']);
    // The next guest takes the next id (qemuDomainFindMaxID over the running ones).
    await session.run({ verb: 'destroy', domain: 'vm' });
    await session.run({ verb: 'start', domain: 'vm' });
    expect(session.state.domains['vm']!.live!.id).toBe(2);
  });

  it('refuses files libvirt could not load, naming each (SCENARIO_INVALID)', async () => {
    const files = new Map(renderStatusFiles(busy())).set('/run/libvirt/network/nat.xml', '<networkstatus>');
    const error = await createSession({ hooksDir: '/nonexistent', runner: quietRunner() as never, statusFiles: files }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VirthookError);
    expect((error as VirthookError).code).toBe('SCENARIO_INVALID');
    expect((error as VirthookError).problems[0]!.message).toMatch(/nat\.xml/);
  });
});
