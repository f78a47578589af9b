import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { renderMutation, scenarioMutation } from './scenario-mutation.js';
import { SCENARIO_SEEDS, SEED_REPOSITORY, seedRepositoryVolume } from './scenario-seeds.js';
import { renderXmlMutation, xmlMutation } from './xml-mutation.js';

// A sample of the fuzz inputs through the CLI's main(), in process: every file loadScenario refuses
// must end in exit code 2 and a message naming the file, never a stack trace or "internal error".
// The samples are fixed (seeded) so that a failure names a reproducible input.
const SAMPLES = 20;
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
let repo: string;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'virthook-cli-fuzz-'));
  for (const [path, text] of Object.entries(SEED_REPOSITORY)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text, { mode: 0o755 });
  }
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function cli(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['run', file], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: repo,
    env: {},
    isTTY: false,
    // Only refused files are run here: a session would mean the CLI ran something it should have refused.
    createSession: () => Promise.reject(new Error('a refused scenario must not run')),
  });
  return { code, stdout, stderr };
}

/** Whether loadScenario refuses the repository with `files` written in (checked on a memfs copy). */
async function refused(files: Record<string, string>, file: string): Promise<boolean> {
  const { fs } = seedRepositoryVolume(files);
  return loadScenario(file, { cwd: '/repo', fs }).then(() => false, () => true);
}

function expectCleanRefusal(result: { code: number; stdout: string; stderr: string }, file: string): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^virthook: /);
  expect(result.stderr).toContain(file);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toMatch(/internal error/);
}

describe('the CLI on malformed input', () => {
  it(`exits 2 with a located message for ${SAMPLES} malformed scenario files`, async () => {
    const mutations = fc.sample(scenarioMutation(SCENARIO_SEEDS.length), { numRuns: SAMPLES * 2, seed: 20_261_124 });
    let checked = 0;
    for (const [i, mutation] of mutations.entries()) {
      const file = `scenarios/bad-${i}.${mutation.format}`;
      const text = renderMutation(SCENARIO_SEEDS, mutation);
      if (checked === SAMPLES || !(await refused({ [file]: text }, file))) continue;
      writeFileSync(join(repo, file), text);
      expectCleanRefusal(await cli(file), file);
      checked += 1;
    }
    expect(checked).toBe(SAMPLES);
  });

  it(`exits 2 naming the definition file and line for ${SAMPLES / 2} malformed network definitions`, async () => {
    const fixtures = fileURLToPath(new URL('../../fixtures/xml/libvirt-tests/in/', import.meta.url));
    const seeds = readdirSync(fixtures).map((name) => readFileSync(join(fixtures, name), 'utf8'));
    const mutations = fc.sample(xmlMutation(seeds.length), { numRuns: SAMPLES * 4, seed: 20_261_125 });
    let checked = 0;
    for (const [i, mutation] of mutations.entries()) {
      const xml = `networks/bad-${i}.xml`;
      const file = `scenarios/uses-bad-${i}.yaml`;
      const files = { [xml]: renderXmlMutation(seeds, mutation), [file]: `hooks: ../hooks\nnetworks: [../${xml}]\nsteps: []\n` };
      if (checked === SAMPLES / 2 || !(await refused(files, file))) continue;
      for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
      const result = await cli(file);
      expectCleanRefusal(result, file);
      expect(result.stderr).toMatch(new RegExp(`${xml.replace('.', '\\.')}:\\d+`));
      checked += 1;
    }
    expect(checked).toBe(SAMPLES / 2);
  });
});
