/**
 * Commands strict mode lets a hook run for real: shells and interpreters, text and XML tools, and
 * file utilities a hook uses for its own state. None of them changes the host's network, firewall,
 * services or libvirt; anything they run in turn (`env iptables`, `sh -c`, `xargs`) goes through
 * the same interception. `logger` is not here: it is a built-in double (a spy that records the
 * message), so tests can see what a hook logs without a syslog.
 */
export const DEFAULT_ALLOWED_COMMANDS: readonly string[] = [
  // Shells and interpreters a hook is written in.
  'sh', 'bash', 'dash', 'env', 'python3', 'perl',
  // Text and XML tools.
  'cat', 'grep', 'egrep', 'fgrep', 'sed', 'awk', 'gawk', 'mawk', 'cut', 'tr', 'head', 'tail', 'printf', 'echo',
  'test', '[', 'sort', 'uniq', 'wc', 'tee', 'xargs', 'basename', 'dirname', 'readlink', 'realpath', 'true',
  'false', 'expr', 'seq', 'tac', 'rev', 'paste', 'join', 'comm', 'fold', 'od', 'base64', 'md5sum', 'sha256sum',
  'xmllint', 'xmlstarlet', 'jq', 'printenv', 'pwd', 'id', 'whoami', 'uname', 'date', 'sleep',
  // The hook's own files (state, locks, logs).
  'ls', 'stat', 'find', 'mkdir', 'rmdir', 'rm', 'touch', 'cp', 'mv', 'ln', 'chmod', 'mktemp', 'flock', 'timeout',
];

/**
 * Commands hooks commonly run that change the host or talk to daemons. In strict mode they are
 * refused even when they are not installed on this machine (so CI without firewalld still reports
 * `firewall-cmd` as undoubled instead of "command not found").
 */
export const KNOWN_HOOK_COMMANDS: readonly string[] = [
  'iptables', 'ip6tables', 'iptables-save', 'iptables-restore', 'ip6tables-save', 'ip6tables-restore',
  'iptables-legacy', 'iptables-nft', 'ebtables', 'arptables', 'nft', 'ipset', 'conntrack', 'firewall-cmd',
  'ufw', 'ip', 'tc', 'bridge', 'brctl', 'ethtool', 'ifconfig', 'route', 'arp', 'sysctl', 'modprobe',
  'systemctl', 'service', 'ovs-vsctl', 'ovs-ofctl', 'dnsmasq', 'mount', 'umount', 'virsh', 'virt-admin',
  'logger', 'curl', 'wget', 'ssh', 'nc', 'socat',
];

/** libvirt's own clients: running one from a hook calls back into the daemon that waits for the hook. */
export const LIBVIRT_CLIENTS: readonly string[] = ['virsh', 'virt-admin', 'virt-install', 'virt-xml', 'virt-clone'];
