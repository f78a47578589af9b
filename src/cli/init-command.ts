import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { CliIo } from './cli-io.js';
import { scaffoldFiles } from './init/scaffold-files.js';
import type { InitRequest } from './parse-cli-args.js';
import { readVersion } from './read-version.js';

const HOOK_NAMES = ['daemon', 'qemu', 'lxc', 'network', 'libxl', 'bhyve'];

const exists = (path: string) => stat(path).then(() => true, () => false);

/**
 * `virthook init [DIR]`: scaffolds a starter scenario, its network definition and a GitHub
 * Actions workflow in a hooks repository (plus a starter hooks/network when it has no hooks).
 * Never overwrites: existing files are kept and listed. Returns 0.
 */
export async function initCommand(request: InitRequest, io: CliIo): Promise<number> {
  const root = resolve(io.cwd, request.dir);
  // Hooks in hooks/, or the repository itself laid out like /etc/libvirt/hooks.
  const inHooksDir = await exists(join(root, 'hooks'));
  const base = inHooksDir ? join(root, 'hooks') : root;
  const found = await Promise.all(HOOK_NAMES.flatMap((name) => [exists(join(base, name)), exists(join(base, `${name}.d`))]));
  const anyHook = found.some(Boolean);
  const hasNetworkHook = (await exists(join(base, 'network'))) || (await exists(join(base, 'network.d')));
  const files = scaffoldFiles({
    version: await readVersion(),
    hooksFromScenarios: inHooksDir || !anyHook ? '../hooks' : '..',
    hasNetworkHook: hasNetworkHook || !anyHook,
    writeStarterHook: !anyHook,
  });
  const shown = (path: string) => (request.dir === '.' ? path : join(request.dir, path));
  let created = 0;
  for (const file of files) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    try {
      // 'wx' fails when the file exists: the check and the write are one step.
      await writeFile(target, file.text, { flag: 'wx', ...(file.mode !== undefined ? { mode: file.mode } : {}) });
      io.stdout.write(`created ${shown(file.path)}\n`);
      created++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      io.stdout.write(`kept    ${shown(file.path)} (it exists; virthook init never overwrites)\n`);
    }
  }
  const run = request.dir === '.' ? 'npx virthook run' : `cd ${request.dir} && npx virthook run`;
  io.stdout.write(created > 0 ? `\nNext: ${run}\n` : '\nNothing created: every file exists already.\n');
  return 0;
}
