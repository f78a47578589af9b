import type { CommandReply } from './doubles-config.js';

/**
 * Why a hook must not call back into libvirt, in one parenthesis for the script that did it: the
 * virNetworkObj lock for network hooks, the domain job and virDomainObj lock for guest hooks
 * (docs/hooks.rst: "DO NOT DO THIS!").
 */
function deadlock(script: string): string {
  const driver = script.split('.d/')[0];
  const why = driver === 'network' ? "while holding the network's lock"
    : driver === 'daemon' ? 'and waits for them to exit'
      : "while holding the domain's lock";
  return `this deadlocks a real libvirtd (libvirt runs hooks synchronously ${why})`;
}

/** What the built-in virsh double answers while libvirt callbacks are flagged (it answers every script alike). */
export const LIBVIRT_CALLBACK_REPLY: CommandReply = {
  stdout: '',
  stderr: 'virthook: virsh was called from a hook: this deadlocks a real libvirtd (libvirt runs hooks synchronously while holding the object\'s lock).\n',
  exitCode: 1,
};

/** What a hook sees when strict mode refuses a command (exit status 127, like a missing command). */
export function refusalStderr(name: string): string {
  return `virthook: ${name} is neither doubled nor allowed (strict mode); double it (doubles: { ${name}: {} }) or allow it (allow: [${name}]).\n`;
}

/** The violation text for a refused command. */
export function refusalMessage(script: string, commandLine: string, name: string): string {
  return `${script} ran ${commandLine}, which is neither doubled nor allowed (strict mode). `
    + `Double it in the scenario (doubles: { ${name}: { replies: [{ stdout: ..., exit: 0 }] } }) or let it run for real (allow: [${name}]).`;
}

/** The violation text for a libvirt client run by a hook (`ran virsh ...`), or a connection to libvirt's socket (`connected to ...`). */
export function libvirtCallbackMessage(script: string, what: string): string {
  return `${script} ${what}: ${deadlock(script)}. `
    + 'Do the work outside the hook, or set libvirt-callbacks: allow in the scenario (libvirtCallbacks in code) if this is intended.';
}
