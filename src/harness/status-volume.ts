import { Volume } from 'memfs';
import type { FileRemoval, FileWrite, StatusFileContent, StatusFiles } from '../status/status-files.js';
import { isUnder, removes } from '../status/status-files.js';

/** What the simulator's file effects need from a volume (drive-simulation answers them with it). */
export interface StatusFileStore {
  write(files: readonly FileWrite[]): void;
  remove(removals: readonly FileRemoval[]): void;
  /** Every file and link under `dirs` (all of them when omitted). */
  load(dirs?: readonly string[]): StatusFiles;
}

const errno = (error: unknown) => (error as { code?: string }).code;

/**
 * The simulated host's /run/libvirt and /etc/libvirt in memory (memfs): libvirt's status files,
 * configs, autostart links and marker, written as the simulator says and read back at each
 * daemon start. Users may edit it between steps as an admin would edit the real files.
 */
export class StatusVolume implements StatusFileStore {
  /** The memfs volume itself (node:fs API): edit files here to change what the next daemon start finds. */
  readonly volume: Volume;

  constructor(files: StatusFiles = new Map()) {
    this.volume = new Volume();
    this.write([...files].map(([path, content]) => (typeof content === 'string' ? { path, content } : { path, symlink: content.symlink })));
  }

  write(files: readonly FileWrite[]): void {
    for (const file of files) {
      this.volume.mkdirSync(file.path.slice(0, file.path.lastIndexOf('/')) || '/', { recursive: true, mode: 0o755 });
      if ('content' in file) {
        // virFileRewrite writes a temporary file and renames it over the old one (mode 0600).
        if (this.#isLink(file.path)) this.volume.unlinkSync(file.path);
        this.volume.writeFileSync(file.path, file.content, { mode: 0o600 });
        this.volume.chmodSync(file.path, 0o600);
      } else {
        if (this.#exists(file.path)) this.volume.unlinkSync(file.path);
        this.volume.symlinkSync(file.symlink, file.path);
      }
    }
  }

  remove(removals: readonly FileRemoval[]): void {
    const paths = [...this.load().keys()];
    for (const removal of removals) {
      if ('tree' in removal) {
        if (this.#exists(removal.tree)) this.volume.rmSync(removal.tree, { recursive: true, force: true });
        continue;
      }
      for (const path of paths) if (removes(removal, path) && this.#exists(path)) this.volume.unlinkSync(path);
    }
  }

  load(dirs?: readonly string[]): Map<string, StatusFileContent> {
    const found = new Map<string, StatusFileContent>();
    const walk = (dir: string) => {
      for (const name of (this.volume.readdirSync(dir) as string[]).sort()) {
        const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
        const stat = this.volume.lstatSync(path);
        if (stat.isDirectory()) walk(path);
        else if (stat.isSymbolicLink()) found.set(path, { symlink: String(this.volume.readlinkSync(path)) });
        else found.set(path, String(this.volume.readFileSync(path, 'utf8')));
      }
    };
    walk('/');
    if (!dirs) return found;
    return new Map([...found].filter(([path]) => dirs.some((dir) => isUnder(path, dir))));
  }

  #exists(path: string): boolean {
    try {
      this.volume.lstatSync(path);
      return true;
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return false;
      throw error;
    }
  }

  #isLink(path: string): boolean {
    return this.#exists(path) && this.volume.lstatSync(path).isSymbolicLink();
  }
}
