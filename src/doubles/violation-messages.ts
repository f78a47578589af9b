import type { CommandReply } from './doubles-config.js';

/** Why a hook must not call back into libvirt, in libvirt's terms (docs/hooks.rst: "DO NOT DO THIS!"). */
const DEADLOCK = 'a real libvirtd would deadlock: it runs hooks synchronously while holding the object\'s lock and waits for them, so the hook waits for a daemon that waits for the hook';

/** What the built-in virsh double answers while libvirt callbacks are flagged. */
export const LIBVIRT_CALLBACK_REPLY: CommandReply = {
  stdout: '',
  stderr: `virthook: virsh was called from a hook; ${DEADLOCK}.\n`,
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

/** The violation text for a libvirt client run by a hook, or a connection to libvirt's socket. */
export function libvirtCallbackMessage(script: string, what: string): string {
  return `${script} ${what}: this deadlocks a real libvirtd (${DEADLOCK}). `
    + 'Do the work outside the hook, or set libvirt-callbacks: allow in the scenario (libvirtCallbacks in code) if this is intended.';
}
