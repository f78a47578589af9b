import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A scratch hooks repository for scenario specs: executable no-op `hooks/network` and `hooks/qemu`,
 * and the given recorded definitions (fixtures/oracle/xml) under the names the scenarios use.
 * The caller removes the directory.
 */
export async function createOracleRepo(prefix: string, definitions: Record<string, string>): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(repo, 'hooks'), { recursive: true });
  for (const hook of ['network', 'qemu']) await writeFile(join(repo, 'hooks', hook), '#!/bin/sh\n', { mode: 0o755 });
  for (const [name, recorded] of Object.entries(definitions)) {
    await writeFile(join(repo, name), await readFile(new URL(`../../fixtures/oracle/xml/${recorded}`, import.meta.url)));
  }
  return repo;
}
