import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/render-json.js';
import { renderPretty } from '../../src/report/render-pretty.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { createOracleRepo } from './oracle-repo.js';
import { scriptedSessions } from './scripted-runner.js';

let repo: string;

beforeAll(async () => {
  repo = await createOracleRepo('virthook-step-logs-', { 'nat.xml': 'net-nat.xml', 'vm2.xml': 'dom-vm2.xml' });
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

// As oracle g2: the network hook fails every port-created replay of lvo-nat at the restart.
const G2 = `
hooks: hooks
networks: [nat.xml]
domains: [vm2.xml]
steps:
  - net-start: lvo-nat
  - start: lvo-vm2
  - daemon-restart:
  - firewalld-reload:
    expect: { calls: [] }
  - destroy: lvo-vm2
    expect: { vetoed: true }
`;
const [RESTART, FIREWALLD] = [4, 5];

async function runG2() {
  await writeFile(join(repo, 'g2.yaml'), G2);
  let restarted = false;
  const sessions = scriptedSessions(['daemon', 'network', 'qemu'], (script, call) => {
    if (call.op === 'shutdown') restarted = true;
    return restarted && script === 'network' && call.op === 'port-created' ? { exitCode: 1, stderr: 'veto port-created during replay\n' } : {};
  });
  return runScenario(await loadScenario(join(repo, 'g2.yaml'), { cwd: repo }), { createSession: sessions });
}

describe("libvirt's log lines reach the user", () => {
  it('are in the step results and the recording: a failed replay is logged and ignored, firewalld-reload says what it did', async () => {
    const [run] = (await runG2()).runs;
    const restart = run!.steps[RESTART]!;
    expect(restart).toMatchObject({ step: 'daemon-restart', ok: true });
    expect(restart.logs).toHaveLength(2);
    for (const log of restart.logs!) expect(log).toMatch(/^port [0-9a-f-]{36} on lvo-nat: replay failed: Hook script execution failed: .*veto port-created during replay/);
    expect(run!.steps[FIREWALLD]!.logs).toEqual(['firewalld reloaded: libvirt re-adds its rules for lvo-nat; rules added by hooks are lost (no hook runs)']);
    expect(run!.steps[0]!.logs).toEqual([]);
    // --record writes run.recording: issue 2's fields, plus the logs.
    expect(run!.recording.steps[RESTART]).toEqual({ step: 'daemon-restart', ok: true, error: null, logs: restart.logs });
    expect(run!.recording.steps[FIREWALLD]).toMatchObject({ step: 'firewalld-reload', ok: true, logs: run!.steps[FIREWALLD]!.logs });
  });

  it('are in the JSON report and the pretty timeline', async () => {
    const result = await runG2();
    const json = JSON.parse(renderJson([result])) as { scenarios: { runs: { steps: { logs: string[] }[] }[] }[] };
    expect(json.scenarios[0]!.runs[0]!.steps[RESTART]!.logs).toEqual(result.runs[0]!.steps[RESTART]!.logs);
    // The last step's expectation fails on purpose, so the report shows the timeline up to it.
    const pretty = renderPretty([result]);
    const timeline = pretty.slice(pretty.indexOf('timeline:'));
    expect(timeline).toMatch(/5\. daemon-restart {2}ok\n(.*\n){2,}.*network lvo-nat port-created begin - {2}exit status 1\n(.*\n)*? +libvirt logged: port [0-9a-f-]{36} on lvo-nat: replay failed: /);
    expect(timeline.match(/libvirt logged: port .* replay failed/g)).toHaveLength(2);
    expect(timeline).toContain('6. firewalld-reload  ok\n           libvirt logged: firewalld reloaded: libvirt re-adds its rules for lvo-nat; rules added by hooks are lost (no hook runs)\n');
  });
});
