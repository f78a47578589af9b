import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import type { ProfileRun } from '../../src/scenario/scenario-result.js';
import { isRecord, readTrace } from '../support/oracle.js';
import { recorderHooks, type RecorderHooks } from '../support/recorder-hooks.js';
import { survivors } from '../support/survivors.js';

// The recorded host's hooks (oracle README) and its untouched `default` network (inactive, no autostart).
const SCRIPTS = ['daemon', 'qemu', 'network', 'network.d/10-first', 'network.d/20-second'];
const DEFAULT_NET = "<network><name>default</name><forward mode='nat'/><bridge name='virbr0' stp='on' delay='0'/><ip address='192.168.122.1' netmask='255.255.255.0'><dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp></ip></network>";

let hooks: RecorderHooks;
let repo: string;
beforeAll(async () => {
  hooks = recorderHooks(SCRIPTS);
  repo = await mkdtemp(join(tmpdir(), 'virthook-fresh-boot-'));
});
afterAll(async () => {
  hooks.remove();
  await rm(repo, { recursive: true, force: true });
});

async function runFresh(name: string, yaml: string): Promise<ProfileRun> {
  await writeFile(join(repo, name), `hooks: ${hooks.dir}\nboot: fresh\n${yaml}`);
  const result = await runScenario(await loadScenario(join(repo, name)));
  expect(result.runs[0]!.failures).toEqual([]);
  return result.runs[0]!;
}

/** What each script observed (the recorder's stdout), with the script's name. */
const observed = (run: ProfileRun, stepIndex: number) =>
  run.recording.invocations.filter((i) => i.stepIndex === stepIndex).map((i) => ({ hook: i.hook, ...(JSON.parse(i.stdout.split('\n')[0]!) as object) }));

describe('boot: fresh (the first daemon start of a boot, oracle 00)', () => {
  it('starts with the daemon stopped; daemon-start runs `- start - start` on /dev/null as the recorded first start did', async () => {
    const run = await runFresh('first-start.yaml', `
networks: ["${DEFAULT_NET}"]
steps:
  - net-start: default
    expect: { ok: false, error: { contains: 'failed to connect to the hypervisor' } }
  - daemon-start:
    expect:
      output: libvirtd started
      calls: [{ hook: daemon, argv: ['-', start, '-', start], stdin: '' }]
  - daemon-start:
    expect: { output: libvirtd is already running, calls: [] }
expect:
  state: { networks: { default: { active: false, autostart: false } } }
`);
    const recorded = readTrace('00-daemon-first-start').filter(isRecord);
    expect(observed(run, 2)).toEqual(recorded.map((r) => ({ hook: r.argv[0]!.split('/').pop(), argv: r.argv.slice(1), env: r.env, cwd: r.cwd, stdin: r.stdin_text })));
    expect(observed(run, 1)).toEqual([]);
    expect(survivors()).toEqual([]);
  });

  it('autostarts at that first start (daemon hook first), and not again at a restart', async () => {
    // The definitions are on disk: /etc/libvirt/qemu/networks/lvo-nat.xml and its autostart link.
    const host = join(repo, 'host/etc/libvirt/qemu/networks');
    await mkdir(join(host, 'autostart'), { recursive: true });
    await writeFile(join(host, 'lvo-nat.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-nat.xml', import.meta.url)));
    await symlink('/etc/libvirt/qemu/networks/lvo-nat.xml', join(host, 'autostart/lvo-nat.xml'));
    const run = await runFresh('autostart.yaml', `
state-files: host
steps:
  - daemon-start:
    expect: { state: { networks: { lvo-nat: { active: true, autostart: true } } } }
  - daemon-restart:
`);
    const heads = (index: number) => run.recording.invocations.filter((i) => i.stepIndex === index && !i.hook.includes('.d/')).map((i) => `${i.hook} ${i.argv.join(' ')}`);
    expect(heads(0)).toEqual(['daemon - start - start', 'network lvo-nat start begin -', 'network lvo-nat started begin -']);
    expect(heads(1)).toEqual(['daemon - shutdown - shutdown', 'daemon - start - start']);
    expect(survivors()).toEqual([]);
  });
});
