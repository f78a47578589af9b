/** Where libvirt's daemons listen when privileged (RUNSTATEDIR/libvirt; /var/run on older builds). */
export const LIBVIRT_SOCKET_DIRS: readonly string[] = ['/run/libvirt', '/var/run/libvirt'];

/** The monolithic daemon's socket prefix (SOCK_PREFIX "libvirt") and the modular daemons' names. */
const DAEMON_PREFIXES = [
  'libvirt', 'virtqemud', 'virtnetworkd', 'virtproxyd', 'virtlxcd', 'virtxend', 'virtchd', 'virtbhyved',
  'virtvboxd', 'virtvzd', 'virtinterfaced', 'virtnodedevd', 'virtnwfilterd', 'virtsecretd', 'virtstoraged',
];

/**
 * The socket file names under LIBVIRT_SOCKET_DIRS a client (virsh, virt-admin, python-libvirt)
 * connects to: daemonUnixSocketPaths builds `%s-sock`, `%s-sock-ro` and `%s-admin-sock` from the
 * daemon's socket prefix.
 */
export const LIBVIRT_SOCKET_NAMES: readonly string[] = DAEMON_PREFIXES.flatMap((prefix) => [`${prefix}-sock`, `${prefix}-sock-ro`, `${prefix}-admin-sock`]);
