import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Session } from '../../src/harness/session.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario, type SessionFactory } from '../../src/scenario/run-scenario.js';
import { createSimulatorState } from '../../src/simulator/create-simulator-state.js';
import { scriptedRunner } from './scripted-runner.js';

let repo: string;
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'virthook-warnings-'));
  await mkdir(join(repo, 'hooks'));
  await writeFile(join(repo, 'hooks/network'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(join(repo, 'nat.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-nat.xml', import.meta.url)));
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

/** Sessions whose runner says, on every call, the notice of the release it simulates (and one shared by all). */
const warningSessions: SessionFactory = async (request) => {
  const base = scriptedRunner(['network']);
  const runner = { ...base, run: async (call: Parameters<typeof base.run>[0]) => ({ ...(await base.run(call)), warnings: ['shared notice', `notice of ${request.libvirt}`] }) };
  return new Session(createSimulatorState({ profile: libvirtProfile(request.libvirt ?? '9.0'), seed: 'warnings', hooksFound: ['network'] }), runner);
};

it('keeps the runner\'s warnings on the result, once each over every release, without failing it', async () => {
  await writeFile(join(repo, 'nat.yaml'), ['hooks: hooks', "libvirt: ['9.0', '11.3']", 'networks: [nat.xml]', 'steps:', '  - net-start: lvo-nat', ''].join('\n'));
  const result = await runScenario(await loadScenario(join(repo, 'nat.yaml'), { cwd: repo }), { createSession: warningSessions });
  expect(result.passed).toBe(true);
  expect(result.warnings).toEqual(['shared notice', 'notice of 9.0', 'notice of 11.3']);
});
