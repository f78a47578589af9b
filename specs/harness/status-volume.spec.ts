import { describe, expect, it } from 'vitest';
import { StatusVolume } from '../../src/harness/status-volume.js';
import { applyFileChanges, type FileRemoval, type FileWrite } from '../../src/status/status-files.js';

const WRITES: FileWrite[] = [
  { path: '/run/libvirt/network/nat.xml', content: '<networkstatus/>' },
  { path: '/run/libvirt/network/nat/ports/a.xml', content: 'a' },
  { path: '/run/libvirt/network/nat/ports/b.xml', content: 'b' },
  { path: '/run/libvirt/network/nat/ports/notes.txt', content: 'kept' },
  { path: '/etc/libvirt/qemu/networks/nat.xml', content: '<network/>' },
  { path: '/etc/libvirt/qemu/networks/autostart/nat.xml', symlink: '/etc/libvirt/qemu/networks/nat.xml' },
];

describe('StatusVolume applies the simulator\'s file effects to memfs, as the plain-map model does', () => {
  it.each<[string, FileRemoval[]]>([
    ['unlink', [{ path: '/run/libvirt/network/nat.xml' }, { path: '/run/libvirt/network/missing.xml' }]],
    ['the *.xml of a directory (virNetworkObjDeleteAllPorts)', [{ dir: '/run/libvirt/network/nat/ports', suffix: '.xml' }]],
    ['a tree (a reboot empties /run)', [{ tree: '/run/libvirt' }]],
  ])('%s', (_what, removals) => {
    const volume = new StatusVolume();
    volume.write(WRITES);
    volume.remove(removals);
    expect(new Map([...volume.load()].sort())).toEqual(new Map([...applyFileChanges(applyFileChanges(new Map(), WRITES), [], removals)].sort()));
  });

  it('keeps symlinks as links, writes files 0600, and replaces a link with a file when written over', () => {
    const volume = new StatusVolume();
    volume.write(WRITES);
    expect(volume.volume.lstatSync('/etc/libvirt/qemu/networks/autostart/nat.xml').isSymbolicLink()).toBe(true);
    expect(volume.volume.statSync('/run/libvirt/network/nat.xml').mode & 0o777).toBe(0o600);
    volume.write([{ path: '/etc/libvirt/qemu/networks/autostart/nat.xml', content: 'copy' }]);
    expect(volume.load().get('/etc/libvirt/qemu/networks/autostart/nat.xml')).toBe('copy');
    expect(volume.load().get('/etc/libvirt/qemu/networks/nat.xml')).toBe('<network/>');
  });

  it('loads only the directories asked for', () => {
    const volume = new StatusVolume(new Map([['/run/libvirt/qemu/vm.xml', 'x'], ['/etc/libvirt/qemu/vm.xml', 'y']]));
    expect([...volume.load(['/run/libvirt/qemu']).keys()]).toEqual(['/run/libvirt/qemu/vm.xml']);
  });
});
