import { afterAll, describe, expect, it } from 'vitest';
import { NODE_FILE_SYSTEM, type HookFileSystem } from '../../src/runner/hook-file-system.js';
import type { HookLayout } from '../../src/runner/list-hook-scripts.js';
import { scanHooks } from '../../src/runner/scan-hooks.js';
import { dir, file, fixture, makeSandbox, type Sandbox, symlink } from './hooks-dir.js';

const sandboxes: Sandbox[] = [];
afterAll(() => sandboxes.forEach((s) => s.remove()));

function layoutOf(entries: Parameters<typeof makeSandbox>[0], fs: HookFileSystem = NODE_FILE_SYSTEM): HookLayout {
  const sandbox = makeSandbox(entries);
  sandboxes.push(sandbox);
  return { hooksDir: sandbox.hooksDir, libvirtHooksDir: '/etc/libvirt/hooks', fs };
}

describe('scanHooks (virHookInitialize / virHookCheck)', () => {
  it('finds drivers by main script or by one executable .d entry, in virHookDriver order', () => {
    const layout = layoutOf({
      network: fixture('exit-0'),
      'qemu.d/10-only': fixture('exit-0'),
      daemon: symlink('network'),
      lxc: fixture('not-executable'),
      'libxl.d/readme': file('text'),
      'libxl.d/sub': dir(),
      'bhyve.d/broken': symlink('/nonexistent'),
    });
    expect(scanHooks(layout)).toEqual({ drivers: ['daemon', 'qemu', 'network'], error: null });
  });

  it('treats a non-executable regular file named <driver>.d as "no hooks", without error', () => {
    expect(scanHooks(layoutOf({ 'network.d': file('x', 0o644) }))).toEqual({ drivers: [], error: null });
  });

  it('fails like libvirt when an executable regular file is named <driver>.d (opendir: ENOTDIR)', () => {
    expect(scanHooks(layoutOf({ 'network.d': file('x', 0o755) })).error).toBe("cannot open directory '/etc/libvirt/hooks/network.d': Not a directory");
  });

  it('fails when a .d directory cannot be opened (EACCES), keeping the drivers found before it', () => {
    const denied: HookFileSystem = {
      statSync: (p) => NODE_FILE_SYSTEM.statSync(p),
      readdirSync: (p) => {
        if (p.endsWith('/network.d')) throw Object.assign(new Error('denied'), { code: 'EACCES' });
        return NODE_FILE_SYSTEM.readdirSync(p);
      },
    };
    expect(scanHooks(layoutOf({ qemu: fixture('exit-0'), 'network.d/10-a': fixture('exit-0') }, denied)))
      .toEqual({ drivers: ['qemu'], error: "cannot open directory '/etc/libvirt/hooks/network.d': Permission denied" });
  });

  it('does not open the .d directory when the main script is executable', () => {
    const denied: HookFileSystem = { statSync: (p) => NODE_FILE_SYSTEM.statSync(p), readdirSync: () => { throw Object.assign(new Error('x'), { code: 'EACCES' }); } };
    expect(scanHooks(layoutOf({ network: fixture('exit-0'), 'network.d/10-a': fixture('exit-0') }, denied))).toEqual({ drivers: ['network'], error: null });
  });

  it('looks at main scripts only for libvirt < 6.5', () => {
    expect(scanHooks(layoutOf({ 'network.d/10-a': fixture('exit-0'), qemu: fixture('exit-0') }), false)).toEqual({ drivers: ['qemu'], error: null });
  });
});
