import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import type { ProfileRun } from '../../src/scenario/scenario-result.js';
import { createOracleRepo } from './oracle-repo.js';
import { scriptedSessions } from './scripted-runner.js';

let repo: string;

beforeAll(async () => {
  // lvo-vm2: two NICs on lvo-nat (52:54:00:00:01:01 and :02), so two replay orders per replay.
  repo = await createOracleRepo('virthook-replay-orders-', { 'nat.xml': 'net-nat.xml', 'iso.xml': 'net-iso.xml', 'vm2.xml': 'dom-vm2.xml' });
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

async function scenario(name: string, text: string) {
  await writeFile(join(repo, name), text);
  return loadScenario(join(repo, name), { cwd: repo });
}

/** The MACs of the ports a step replayed (port-created), in order. */
function replayedAt(run: ProfileRun, stepIndex: number): string[] {
  return run.recording.invocations
    .filter((i) => i.stepIndex === stepIndex && i.argv[1] === 'port-created')
    .map((i) => /<networkport>[\s\S]*?<mac address='([^']+)'/.exec(i.stdin)![1]!.slice(-2));
}

// networks[0], networks[1], domains[0], then steps[0..]: step indexes in the run.
const MODULAR = `
hooks: hooks
daemon: modular
networks: [nat.xml, iso.xml]
domains: [vm2.xml]
steps:
  - net-start: lvo-nat
  - start: lvo-vm2
  - daemon-restart: { daemon: virtqemud }
  - daemon-restart: { daemon: virtnetworkd }
  - virtnetworkd-idle-exit:
  - net-start: lvo-iso
`;
const [QEMU_RESTART, NETWORK_RESTART, REACTIVATION] = [5, 6, 8];

describe('--replay-orders all (modular daemons)', () => {
  it('varies every replay that replays ports: virtnetworkd restart and its reactivation, not virtqemud', async () => {
    const result = await runScenario(await scenario('modular.yaml', MODULAR), { createSession: scriptedSessions(['network', 'qemu']), replayOrders: 'all' });
    expect(result.runs.flatMap((r) => r.failures)).toEqual([]);
    // Restarting virtqemud alone replays nothing (the ports are still registered in virtnetworkd).
    for (const run of result.runs) expect(replayedAt(run, QEMU_RESTART)).toEqual([]);
    const orders = result.runs.map((run) => `${replayedAt(run, NETWORK_RESTART).join(' ')} | ${replayedAt(run, REACTIVATION).join(' ')}`);
    // Two replays of two ports: four combinations, each run once, no two runs alike.
    expect([...orders].sort()).toEqual(['01 02 | 01 02', '01 02 | 02 01', '02 01 | 01 02', '02 01 | 02 01']);
    expect(result.runs.map((r) => r.replayOrder!.replace(/:.*/, ''))).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(result.runs[0]!.replayOrder).toMatch(/^1\/4: steps\[3\]: lvo-nat:52:54:00:00:01:0\d, lvo-nat:52:54:00:00:01:0\d; steps\[5\]: .* \(the seed's\)$/);
    // Each label names the orders its run used.
    for (const run of result.runs.slice(1)) {
      const [restart, reactivation] = run.replayOrder!.replace(/^\d\/4: /, '').split('; ');
      expect(restart).toBe(`steps[3]: ${replayedAt(run, NETWORK_RESTART).map((m) => `lvo-nat:52:54:00:00:01:${m}`).join(', ')}`);
      expect(reactivation).toBe(`steps[5]: ${replayedAt(run, REACTIVATION).map((m) => `lvo-nat:52:54:00:00:01:${m}`).join(', ')}`);
    }
  });

  it('makes no extra run when no replay has two orders (only virtqemud restarts)', async () => {
    const text = 'hooks: hooks\ndaemon: modular\nnetworks: [nat.xml]\ndomains: [vm2.xml]\nsteps:\n  - net-start: lvo-nat\n  - start: lvo-vm2\n  - daemon-restart: { daemon: virtqemud }\n';
    const result = await runScenario(await scenario('qemu-only.yaml', text), { createSession: scriptedSessions(['network', 'qemu']), replayOrders: 'all' });
    expect(result.runs).toHaveLength(1);
    expect(result.runs[0]!.replayOrder).toBeUndefined();
  });

  it('says how many orders the bound left out, and never repeats the seeded run', async () => {
    const s = await scenario('bounded.yaml', MODULAR);
    const result = await runScenario(s, { createSession: scriptedSessions(['network', 'qemu']), replayOrders: 'all', maxReplayOrders: 3 });
    expect(result.runs.map((r) => r.replayOrder!.replace(/:.*/, ''))).toEqual(['1/3 of 4', '2/3 of 4', '3/3 of 4']);
    const orders = result.runs.map((run) => `${replayedAt(run, NETWORK_RESTART).join(' ')} | ${replayedAt(run, REACTIVATION).join(' ')}`);
    expect(new Set(orders).size).toBe(3);
    await expect(runScenario(s, { createSession: scriptedSessions(['network']), replayOrders: 'all', maxReplayOrders: 0 })).rejects.toMatchObject({ code: 'OPTIONS_INVALID' });
  });

  it('leaves a step with a fixed order alone', async () => {
    const text = MODULAR.replace('{ daemon: virtnetworkd }', '{ daemon: virtnetworkd, order: [lvo-nat:52:54:00:00:01:02] }');
    const result = await runScenario(await scenario('fixed.yaml', text), { createSession: scriptedSessions(['network', 'qemu']), replayOrders: 'all' });
    expect(result.runs).toHaveLength(2);
    for (const run of result.runs) expect(replayedAt(run, NETWORK_RESTART)).toEqual(['02', '01']);
    expect(new Set(result.runs.map((run) => replayedAt(run, REACTIVATION).join(' '))).size).toBe(2);
  });
});
