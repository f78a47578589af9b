import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { ScenarioFs } from '../../src/scenario/scenario-fs.js';

const NAT = readFileSync(new URL('../../fixtures/oracle/xml/net-nat.xml', import.meta.url), 'utf8');

function load(yaml: string) {
  const volume = Volume.fromJSON({ '/repo/hooks/network': '#!/bin/sh\n', '/repo/nat.xml': NAT, '/repo/s.yaml': yaml });
  volume.chmodSync('/repo/hooks/network', 0o755);
  const fs = volume.promises as unknown as ScenarioFs;
  return loadScenario('s.yaml', { cwd: '/repo', fs });
}

async function problems(yaml: string) {
  const error = await load(yaml).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VirthookError);
  return (error as VirthookError).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('daemon: in a scenario', () => {
  it('takes the mode as a word (daemon: modular) or in a mapping with the other settings', async () => {
    expect((await load('hooks: hooks\ndaemon: modular\nsteps: []\n')).daemonMode).toBe('modular');
    expect((await load('hooks: hooks\ndaemon: monolithic\nsteps: []\n')).daemonMode).toBe('monolithic');
    expect(await load('hooks: hooks\ndaemon: { mode: modular, cwd: /srv }\nsteps: []\n')).toMatchObject({ daemonMode: 'modular', daemonCwd: '/srv' });
    expect((await load('hooks: hooks\nsteps: []\n')).daemonMode).toBe('monolithic');
  });

  it('explains a misspelled mode or key', async () => {
    expect(await problems('hooks: hooks\ndaemon: modulr\nsteps: []\n')).toEqual(['daemon: "modulr" is not allowed here; expected one of "monolithic", "modular"; did you mean "modular"?']);
    expect(await problems('hooks: hooks\ndaemon: { mod: modular }\nsteps: []\n')).toEqual(['daemon.mod: unknown field "mod"; did you mean "mode"?']);
  });
});

describe('boot: fresh', () => {
  it('is read as freshBoot; absent, the daemon already runs', async () => {
    expect((await load('hooks: hooks\nboot: fresh\nsteps: []\n')).freshBoot).toBe(true);
    expect((await load('hooks: hooks\nsteps: []\n')).freshBoot).toBe(false);
    expect(await problems('hooks: hooks\nboot: cold\nsteps: []\n')).toEqual([expect.stringMatching(/^boot: .*"fresh"/)]);
  });

  it('refuses state-files that hold /run files (a boot empties /run), and takes /etc ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'virthook-fresh-boot-'));
    try {
      await mkdir(join(dir, 'hooks'));
      await writeFile(join(dir, 'hooks/network'), '#!/bin/sh\n', { mode: 0o755 });
      await mkdir(join(dir, 'host/etc/libvirt/qemu/networks'), { recursive: true });
      await writeFile(join(dir, 'host/etc/libvirt/qemu/networks/lvo-nat.xml'), NAT);
      await writeFile(join(dir, 's.yaml'), 'hooks: hooks\nboot: fresh\nstate-files: host\nsteps: []\n');
      expect((await loadScenario(join(dir, 's.yaml'))).freshBoot).toBe(true);
      await mkdir(join(dir, 'host/run/libvirt/network'), { recursive: true });
      await writeFile(join(dir, 'host/run/libvirt/network/autostarted'), '');
      const error = await loadScenario(join(dir, 's.yaml')).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'SCENARIO_INVALID' });
      expect((error as VirthookError).problems).toEqual([
        expect.objectContaining({ path: 'boot', line: 2, message: expect.stringContaining('state-files holds /run/libvirt/network/autostarted') }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('refuses at load state-files a daemon would not load, naming the scenario line and the file in the tree', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'virthook-state-files-'));
    try {
      await mkdir(join(dir, 'hooks'));
      await writeFile(join(dir, 'hooks/network'), '#!/bin/sh\n', { mode: 0o755 });
      await mkdir(join(dir, 'host/run/libvirt/network'), { recursive: true });
      await writeFile(join(dir, 'host/run/libvirt/network/lvo-nat.xml'), '<networkstatus><garbage');
      await writeFile(join(dir, 's.yaml'), 'hooks: hooks\nlibvirt: ["9.0", "11.3"]\nstate-files: host\nsteps: []\n');
      const error = await loadScenario(join(dir, 's.yaml')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VirthookError);
      expect(error).toMatchObject({ code: 'SCENARIO_INVALID', message: expect.stringMatching(/^Scenario .*s\.yaml: state-files: .*host holds a file libvirt would not load/) });
      // One problem for both releases, located at the field, showing the user's file (not /run/libvirt/...).
      expect((error as VirthookError).problems).toEqual([
        expect.objectContaining({ path: 'state-files', line: 3, message: expect.stringContaining(`Failed to load network status ${join(dir, 'host/run/libvirt/network/lvo-nat.xml')}: Malformed XML in ${join(dir, 'host/run/libvirt/network/lvo-nat.xml')}:1:`) }),
      ]);
      await rm(join(dir, 'host/run/libvirt/network/lvo-nat.xml'));
      await mkdir(join(dir, 'host/etc/libvirt/qemu/networks'), { recursive: true });
      await writeFile(join(dir, 'host/etc/libvirt/qemu/networks/lvo-nat.xml'), NAT);
      expect((await loadScenario(join(dir, 's.yaml'))).statusFiles?.size).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
