import type { ProfileRun } from '../scenario/scenario-result.js';
import type { AnsiStyle } from './ansi-style.js';

/**
 * Warnings for script runs that passed here but would misbehave under a real libvirtd: a child
 * kept the hook's stdout/stderr open (libvirt blocks until it exits), or outlived the hook.
 */
export function leftoverLines(run: ProfileRun, style: AnsiStyle): string[] {
  const lines: string[] = [];
  for (const invocation of run.recording.invocations) {
    const step = run.steps[invocation.stepIndex]?.step ?? `step ${invocation.stepIndex + 1}`;
    const where = `${invocation.hook} ${invocation.argv.join(' ')} (${step})`;
    if (invocation.lingering) {
      const holders = invocation.lingering.holders.map((h) => `${h.pid} (${h.command})`).join(', ') || 'a descendant';
      lines.push(`${style.yellow('⚠')} ${where}: ${holders} kept the hook's stdout/stderr open ${invocation.lingering.afterExitMs} ms after it exited; a real libvirtd would block here until they exit`);
    }
    if (invocation.survivors) {
      const survivors = invocation.survivors.map((h) => `${h.pid} (${h.command})`).join(', ');
      lines.push(`${style.yellow('⚠')} ${where}: ${survivors} outlived the hook (stdio redirected, so libvirt would not wait); virthook killed them, a real host keeps them running`);
    }
  }
  return lines;
}
