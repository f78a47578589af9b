import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIo } from '../../../src/cli/cli-io.js';
import { main } from '../../../src/cli/main.js';
import { scriptedSessions } from '../../scenario/scripted-runner.js';

/** A hooks repository in a temporary directory: `files` maps paths to contents (files under a `*hooks/` directory get mode 0755). */
export async function cliRepo(files: Record<string, string>): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), 'virthook-cli-'));
  await writeFile(join(repo, 'iso.xml'), await readFile(new URL('../../../fixtures/oracle/xml/net-iso.xml', import.meta.url)));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), text, { mode: /(^|\/)[^/]*hooks\//.test(path) ? 0o755 : 0o644 });
  }
  return repo;
}

/** A scenario starting lvo-iso (from iso.xml) with the given `expect:` lines for the step. */
export const isoScenario = (name: string, expectLines: readonly string[] = [], extra: readonly string[] = []) =>
  [`name: ${name}`, 'hooks: ../hooks', 'networks: [../iso.xml]', ...extra, 'steps:', '  - net-start: lvo-iso', ...expectLines, ''].join('\n');

/** Runs the CLI in-process in `cwd` with captured streams; hooks are played by a scripted runner unless `io` says otherwise. */
export async function runCli(cwd: string, argv: string[], io: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    env: {},
    isTTY: false,
    createSession: scriptedSessions(['network']),
    ...io,
  });
  return { code, stdout, stderr };
}

/** Names and releases of the runs in a `--reporter json` report. */
export function ranCases(json: string): string[] {
  const report = JSON.parse(json) as { scenarios: { name: string; runs: { libvirt: string; passed: boolean }[] }[] };
  return report.scenarios.flatMap((s) => s.runs.map((r) => `${s.name} ${r.libvirt} ${r.passed ? 'passed' : 'failed'}`));
}
