import { readFile } from 'node:fs/promises';

/** virthook's version, from the package.json two levels above this module (src/cli or dist/cli). */
export async function readVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
