import { afterAll, describe, expect, it } from 'vitest';
import { NODE_FILE_SYSTEM, type HookFileSystem } from '../../src/runner/hook-file-system.js';
import { findMainHookScript, listHookDirectory, listHookScripts, type HookLayout } from '../../src/runner/list-hook-scripts.js';
import { dir, file, fixture, makeSandbox, type Sandbox, symlink } from './hooks-dir.js';
import { callsOf, readTrace, runsAfter } from './oracle.js';

const sandboxes: Sandbox[] = [];
afterAll(() => sandboxes.forEach((s) => s.remove()));

function layoutOf(entries: Parameters<typeof makeSandbox>[0], fs: HookFileSystem = NODE_FILE_SYSTEM): HookLayout {
  const sandbox = makeSandbox(entries);
  sandboxes.push(sandbox);
  return { hooksDir: sandbox.hooksDir, libvirtHooksDir: '/etc/libvirt/hooks', fs };
}

/** The scripts of the first hook call the oracle recorded after a marker. */
function recordedOrder(marker: string): string[] {
  const [first] = callsOf(runsAfter(readTrace('h-exec-bit-late-hook-sighup'), marker));
  return (first ?? []).map((r) => r.argv?.[0] ?? '');
}

describe('listHookScripts (virHookCall, >= 6.5)', () => {
  it('selects and orders like libvirt did in oracle h3 (dotfile, backup, symlink; skips 644, dir, README)', () => {
    const layout = layoutOf({
      network: fixture('exit-0'),
      'network.d/.hidden': fixture('exit-0'),
      'network.d/05~backup': fixture('exit-0'),
      'network.d/10-first': fixture('not-executable'),
      'network.d/20-second': fixture('exit-0'),
      'network.d/30-dir': dir(),
      'network.d/40-link': symlink('../network'),
      'network.d/50-README.txt': file('notes\n', 0o644),
      'network.d/60-broken': symlink('/nonexistent/target'),
    });
    const listing = listHookScripts(layout, 'network');
    expect(listing.error).toBeNull();
    expect(listing.scripts.map((s) => s.libvirtPath)).toEqual(recordedOrder('h3 net-start'));
    expect(listing.scripts.map((s) => s.hook)).toEqual(['network', 'network.d/.hidden', 'network.d/05~backup', 'network.d/20-second', 'network.d/40-link']);
    // A symlink runs by its link path, as libvirt's argv[0] showed.
    expect(listing.scripts.at(-1)?.path).toBe(`${layout.hooksDir}/network.d/40-link`);
  });

  it('uses strcmp byte order, as oracle h3b recorded (9-nine after 20-second, Zed before aaa)', () => {
    const names = ['aaa', 'Zed', '9-nine', '20-second', '10-first'];
    const layout = layoutOf({ network: fixture('exit-0'), ...Object.fromEntries(names.map((n) => [`network.d/${n}`, fixture('exit-0')])) });
    expect(listHookScripts(layout, 'network').scripts.map((s) => s.libvirtPath)).toEqual(recordedOrder('h3b'));
  });

  it('sorts UTF-8 bytes, not UTF-16 code units or locale collation', () => {
    const names = ['\u{1F600}', '\uFFFD', 'é', 'z', 'E', '~'];
    const layout = layoutOf(Object.fromEntries(names.map((n) => [`network.d/${n}`, fixture('exit-0')])));
    expect(listHookDirectory(layout, 'network').scripts.map((s) => s.hook.slice('network.d/'.length)))
      .toEqual(['E', 'z', '~', 'é', '\uFFFD', '\u{1F600}']);
  });

  it('runs a main script reached through a symlink, and skips a non-executable one', () => {
    expect(findMainHookScript(layoutOf({ real: fixture('exit-0'), network: symlink('real') }), 'network')?.hook).toBe('network');
    expect(findMainHookScript(layoutOf({ network: fixture('not-executable') }), 'network')).toBeNull();
    expect(findMainHookScript(layoutOf({ network: dir() }), 'network')).toBeNull();
  });

  it('lists nothing, without error, when there is no .d directory', () => {
    expect(listHookScripts(layoutOf({}), 'network')).toEqual({ scripts: [], error: null });
  });

  it('reports ENOTDIR with libvirt\'s text when network.d is a regular file', () => {
    const listing = listHookScripts(layoutOf({ network: fixture('exit-0'), 'network.d': file('not a directory\n') }), 'network');
    expect(listing.scripts.map((s) => s.hook)).toEqual(['network']);
    expect(listing.error).toBe("cannot open directory '/etc/libvirt/hooks/network.d': Not a directory");
  });

  it('reports EACCES with libvirt\'s text when network.d cannot be read', () => {
    // As root, chmod 000 does not stop readdir; a file-system double raises EACCES instead.
    const denied: HookFileSystem = {
      statSync: (p) => NODE_FILE_SYSTEM.statSync(p),
      readdirSync: (p) => {
        if (p.endsWith('/network.d')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return NODE_FILE_SYSTEM.readdirSync(p);
      },
    };
    const listing = listHookScripts(layoutOf({ network: fixture('exit-0'), 'network.d/10-a': fixture('exit-0') }, denied), 'network');
    expect(listing.error).toBe("cannot open directory '/etc/libvirt/hooks/network.d': Permission denied");
  });

  it('ignores the directory entirely when directories is false (libvirt < 6.5)', () => {
    const layout = layoutOf({ network: fixture('exit-0'), 'network.d/10-a': fixture('exit-0'), 'qemu.d': file('x') });
    expect(listHookScripts(layout, 'network', false).scripts.map((s) => s.hook)).toEqual(['network']);
    expect(listHookScripts(layout, 'qemu', false)).toEqual({ scripts: [], error: null });
  });
});
