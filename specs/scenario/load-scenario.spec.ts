import { readFileSync } from 'node:fs';
import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { formatLocation, VirthookError } from '../../src/errors/virthook-error.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { ScenarioFs } from '../../src/scenario/scenario-fs.js';

const xml = (name: string) => readFileSync(new URL(`../../fixtures/oracle/xml/${name}`, import.meta.url), 'utf8');

/** A hooks repository in memory: /repo/{hooks/network (0755), networks/*.xml, scenarios/*.yaml}. */
function repo(files: Record<string, string>, modes: Record<string, number> = {}): ScenarioFs {
  const vol = Volume.fromJSON({
    '/repo/hooks/network': '#!/bin/sh\n',
    '/repo/networks/nat.xml': xml('net-nat.xml'),
    '/repo/networks/iso.xml': xml('net-iso.xml'),
    ...files,
  });
  for (const [path, mode] of Object.entries({ '/repo/hooks/network': 0o755, ...modes })) vol.chmodSync(path, mode);
  return vol.promises as unknown as ScenarioFs;
}

async function loadError(files: Record<string, string>, options: { hooksDir?: string } = {}): Promise<VirthookError> {
  const error = await loadScenario('scenarios/s.yaml', { cwd: '/repo', fs: repo(files), ...options }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VirthookError);
  return error as VirthookError;
}

describe('loadScenario', () => {
  it('resolves files, turns networks into net-define steps and applies the defaults', async () => {
    const fs = repo({
      '/repo/scenarios/s.yaml': 'hooks: ../hooks\nnetworks: [../networks/nat.xml]\nsteps:\n  - net-start: lvo-nat\n  - net-define: ../networks/iso.xml\n    expect: { ok: false }\n',
    });
    const scenario = await loadScenario('scenarios/s.yaml', { cwd: '/repo', fs });
    expect(scenario).toMatchObject({
      name: 's',
      file: '/repo/scenarios/s.yaml',
      displayFile: 'scenarios/s.yaml',
      hooksDir: '/repo/hooks',
      libvirt: ['9.0'],
      seed: null,
      daemonEnv: null,
      timeoutMs: null,
      maxOutputBytes: null,
    });
    expect(scenario.steps.map((s) => [s.path, s.line, s.command.verb, s.expect])).toEqual([
      ['networks[0]', 2, 'net-define', { ok: true }],
      ['steps[0]', 4, 'net-start', { ok: true }],
      ['steps[1]', 5, 'net-define', { ok: false }],
    ]);
    const define = scenario.steps[0]!.command;
    expect(define.verb === 'net-define' && [define.def.name, define.file]).toEqual(['lvo-nat', '../networks/nat.xml']);
  });

  it('keeps the daemon environment in order, converts seconds and reads expected stdin files', async () => {
    const scenario = await loadScenario('scenarios/s.yaml', {
      cwd: '/repo',
      fs: repo({
        '/repo/expected/start.xml': '<hookData/>',
        '/repo/scenarios/s.yaml': [
          'name: ordered env',
          'hooks: ../hooks',
          'libvirt: ["9.0", "11.3", "9.0"]',
          'seed: 7',
          'daemon: { env: { TMPDIR: /tmp, PATH: /bin, HOME: /root }, cwd: /var }',
          'timeout: 1.5',
          'steps:',
          '  - net-create: "<network><name>tmp</name></network>"',
          '    expect: { calls: [{ stdin: { file: ../expected/start.xml } }, { argv: [tmp, started, begin, "-"], stdin: "x", env: [A=1] }] }',
          '',
        ].join('\n'),
      }),
    });
    expect(scenario).toMatchObject({ name: 'ordered env', libvirt: ['9.0', '11.3'], seed: '7', daemonCwd: '/var', timeoutMs: 1500 });
    expect(scenario.daemonEnv).toEqual([['TMPDIR', '/tmp'], ['PATH', '/bin'], ['HOME', '/root']]);
    const step = scenario.steps[0]!;
    expect(step.command.verb === 'net-create' && step.command.file).toBe('(inline)');
    expect(step.expect).toEqual({
      ok: true,
      calls: {
        mode: 'exact',
        calls: [
          { stdin: { equals: '<hookData/>', equalsFile: '../expected/start.xml' } },
          { object: 'tmp', op: 'started', subop: 'begin', extra: '-', stdin: { equals: 'x' }, env: { equals: ['A=1'] } },
        ],
      },
    });
  });

  it('names the scenario file and the hooks field when the hooks directory is missing', async () => {
    const error = await loadError({ '/repo/scenarios/s.yaml': 'steps: []\nhooks: ../hookz\n' });
    expect(error.code).toBe('HOOKS_DIR_NOT_FOUND');
    expect(error.message).toBe('Scenario scenarios/s.yaml: hooks: hooks directory ../hookz (looked for hookz) not found. Point it at a directory laid out like /etc/libvirt/hooks.');
    expect(error.problems.map((p) => `${formatLocation(p)} ${p.path}`)).toEqual(['scenarios/s.yaml:2:8 hooks']);
  });

  it('names --hooks when the directory given on the command line is missing, and lets it override', async () => {
    const files = { '/repo/scenarios/s.yaml': 'hooks: ../nowhere\nsteps: []\n' };
    expect((await loadError(files, { hooksDir: 'missing' })).problems[0]!.path).toBe('--hooks');
    expect((await loadScenario('scenarios/s.yaml', { cwd: '/repo', fs: repo(files), hooksDir: 'hooks' })).hooksDir).toBe('/repo/hooks');
    expect((await loadError({ '/repo/scenarios/s.yaml': 'steps: []\n' })).code).toBe('SCENARIO_INVALID');
  });

  it('names every missing definition file with the field that names it', async () => {
    const error = await loadError({ '/repo/scenarios/s.yaml': 'hooks: ../hooks\nnetworks: [../networks/gone.xml]\nsteps:\n  - net-define: nat.xml\n' });
    expect(error.code).toBe('DEFINITION_NOT_FOUND');
    expect(error.message).toBe('Scenario scenarios/s.yaml: networks[0]: file ../networks/gone.xml not found (looked for /repo/networks/gone.xml) (and 1 more)');
    expect(error.problems.map((p) => `${formatLocation(p)} ${p.path}`)).toEqual(['scenarios/s.yaml:2:12 networks[0]', 'scenarios/s.yaml:4:17 steps[0].net-define']);
  });

  it('reports a bad definition with its XML error code, naming the field and the XML line', async () => {
    const bad = await loadError({ '/repo/networks/bad.xml': '<network>\n  <name>b</name>\n  <bogus/>\n</network>\n', '/repo/scenarios/s.yaml': 'hooks: ../hooks\nsteps:\n  - net-define: ../networks/bad.xml\n' });
    expect(bad.code).toBe('XML_UNKNOWN_ELEMENT');
    expect(bad.message).toMatch(/^Scenario scenarios\/s\.yaml: steps\[0\]\.net-define: .*networks\/bad\.xml:3:3/);
    expect(bad.problems.map((p) => formatLocation(p))).toEqual(['networks/bad.xml:3:3']);
  });

  it('points the problems of inline XML at the scenario line that holds them', async () => {
    const text = 'hooks: ../hooks\nnetworks:\n  - |\n    <network>\n      <name>b</name>\n      <bogus/>\n    </network>\nsteps: []\n';
    const bad = await loadError({ '/repo/scenarios/s.yaml': text });
    expect(bad.code).toBe('XML_UNKNOWN_ELEMENT');
    expect(bad.problems.map((p) => `${formatLocation(p)} ${p.path}`)).toEqual(['scenarios/s.yaml:6 networks[0]']);
  });

  it('fails with SCENARIO_NOT_FOUND for a missing scenario file', async () => {
    expect((await loadError({})).code).toBe('SCENARIO_NOT_FOUND');
  });
});
