import { lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import type { InterceptionFs } from './intercepted-commands.js';

/** InterceptionFs over node:fs (the host as the supervisor's namespace sees it). */
export const NODE_INTERCEPTION_FS: InterceptionFs = {
  kind(path) {
    try {
      const stat = lstatSync(path);
      return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : stat.isSymbolicLink() ? 'symlink' : 'other';
    } catch {
      return null;
    }
  },
  readlink: (path) => readlinkSync(path),
  readdir(path) {
    try {
      return readdirSync(path);
    } catch {
      return [];
    }
  },
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return null;
    }
  },
};
