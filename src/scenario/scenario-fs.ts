import { readFile, stat } from 'node:fs/promises';

/** The file system calls loading a scenario needs (node:fs/promises by default; memfs in specs). */
export interface ScenarioFs {
  readFile(path: string, encoding: 'utf8'): Promise<string | Buffer>;
  stat(path: string): Promise<{ isDirectory(): boolean }>;
}

/** The real file system. */
export const nodeScenarioFs: ScenarioFs = { readFile, stat };
