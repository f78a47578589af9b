import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Volume } from 'memfs';
import { parse as parseYaml } from 'yaml';
import type { ScenarioFs } from '../../src/scenario/scenario-fs.js';
import type { Json } from './scenario-mutation.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Valid scenarios (run from `scenarios/`): the shipped examples and one that uses every step verb and top-level field. */
export const SCENARIO_SEEDS: Json[] = [
  ...readdirSync(join(EXAMPLES, 'scenarios')).map((name) => parseYaml(readFileSync(join(EXAMPLES, 'scenarios', name), 'utf8')) as Json),
  {
    name: 'every verb',
    hooks: '../hooks',
    libvirt: ['9.0', '11.3'],
    seed: 7,
    timeout: 2.5,
    daemon: { env: { PATH: '/usr/bin', HOME: '/root' }, cwd: '/tmp' },
    networks: ['../networks/nat.xml', "<network><name>inline</name><bridge name='virbr9'/></network>"],
    steps: [
      { 'net-start': 'lab-nat', expect: { ok: true, calls: [{ hook: 'network', op: 'start', exitCode: 0, env: { excludes: ['LANG'] } }] } },
      { 'net-update': { network: 'lab-nat', command: 'add', section: 'ip-dhcp-host', xml: "<host mac='52:54:00:00:00:01' ip='198.51.100.10'/>", live: true } },
      { 'net-autostart': { network: 'lab-nat', disable: true } },
      { 'daemon-restart': null },
      { 'daemon-reload': null },
      { 'host-reboot': null },
      { 'net-destroy': 'lab-nat', expect: { ok: false, error: { contains: 'not active' } } },
      { 'host-link-del': 'virbr9' },
      { 'net-undefine': 'inline' },
      { 'net-define': '../networks/isolated.xml' },
      { 'net-create': "<network><name>transient</name></network>", expect: { calls: [{ op: 'start', stdin: { xpath: { '/hookData/network/name': 'transient' } } }], mode: 'contains' } },
    ],
    expect: { mode: 'none-of', calls: [{ exitCode: 1 }] },
  },
];

/** Every example file but the scenarios (hooks, networks, domains ...), by path under examples/. */
function exampleFiles(dir = ''): [string, string][] {
  return readdirSync(join(EXAMPLES, dir), { withFileTypes: true }).flatMap((entry): [string, string][] => {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return path === 'scenarios' ? [] : exampleFiles(path);
    return [[path, readFileSync(join(EXAMPLES, path), 'utf8')]];
  });
}

/** The files around the scenarios, relative to the repository root: the examples' hooks/, networks/, domains/ ... and an empty scenarios/. */
export const SEED_REPOSITORY: Readonly<Record<string, string>> = Object.fromEntries([...exampleFiles(), ['scenarios/.keep', '']]);

/** SEED_REPOSITORY plus `files` in memory under /repo, every file executable (as the CLI specs write them to disk). */
export function seedRepositoryVolume(files: Readonly<Record<string, string>> = {}): { vol: InstanceType<typeof Volume>; fs: ScenarioFs } {
  const all = { ...SEED_REPOSITORY, ...files };
  const vol = Volume.fromJSON(Object.fromEntries(Object.entries(all).map(([path, text]) => [`/repo/${path}`, text])));
  for (const path of Object.keys(all)) vol.chmodSync(`/repo/${path}`, 0o755);
  return { vol, fs: vol.promises as unknown as ScenarioFs };
}
