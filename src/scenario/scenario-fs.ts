import { readdir, readFile, stat } from 'node:fs/promises';

/** The file system calls loading a scenario needs (node:fs/promises by default; memfs in specs). */
export interface ScenarioFs {
  readFile(path: string, encoding: 'utf8'): Promise<string | Buffer>;
  /** Follows symlinks, as libvirt's virFileIsExecutable does. */
  stat(path: string): Promise<{ isDirectory(): boolean; isFile(): boolean; readonly mode: number }>;
  readdir(path: string): Promise<readonly (string | Buffer)[]>;
}

/** The real file system. */
export const nodeScenarioFs: ScenarioFs = { readFile, stat, readdir };
