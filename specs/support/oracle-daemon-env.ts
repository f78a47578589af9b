/** The daemon environment of the recordings: `env -i PATH=... HOME=/root LANG=C.UTF-8 ...` (oracle README). */
export const ORACLE_DAEMON_ENV: ReadonlyArray<readonly [string, string]> = [
  ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  ['HOME', '/root'],
  ['LANG', 'C.UTF-8'],
  ['USER', 'root'],
  ['LOGNAME', 'root'],
  ['TMPDIR', '/tmp'],
  ['LVORACLE_MARKER', 'set-in-libvirtd-env'],
];
