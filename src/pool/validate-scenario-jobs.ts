import { type Problem, VirthookError } from '../errors/virthook-error.js';
import type { ScenarioJob } from './scenario-job.js';
import { showValue } from './show-value.js';

/**
 * Checks the jobs (every problem, with its index) before any of them runs.
 * @throws VirthookError OPTIONS_INVALID.
 */
export function validateScenarioJobs(jobs: readonly ScenarioJob[]): void {
  const problems: Problem[] = [];
  if (!Array.isArray(jobs)) throw new VirthookError('OPTIONS_INVALID', `runScenarioJobs needs an array of jobs, got ${showValue(jobs)}.`);
  const isText = (v: unknown) => typeof v === 'string' && v !== '';
  for (const [index, job] of jobs.entries()) {
    const at = `jobs[${index}]`;
    const bad = (field: string, expected: string, value: unknown) =>
      problems.push({ file: 'scenario jobs', path: `${at}.${field}`, message: `${at}.${field} must be ${expected}, got ${showValue(value)}` });
    if (typeof job !== 'object' || job === null) {
      problems.push({ file: 'scenario jobs', path: at, message: `${at} must be an object with a file, got ${showValue(job)}` });
      continue;
    }
    if (!isText(job.file)) bad('file', 'a non-empty path string', job.file);
    if (job.cwd !== undefined && !isText(job.cwd)) bad('cwd', 'a non-empty path string', job.cwd);
    if (job.hooksDir !== undefined && !isText(job.hooksDir)) bad('hooksDir', 'a non-empty path string', job.hooksDir);
    if (job.libvirt !== undefined && !(Array.isArray(job.libvirt) && job.libvirt.every(isText))) bad('libvirt', 'an array of release strings', job.libvirt);
    if (job.timeoutMs !== undefined && !(Number.isSafeInteger(job.timeoutMs) && job.timeoutMs >= 1)) bad('timeoutMs', 'a positive integer (milliseconds)', job.timeoutMs);
    if (job.maxOutputBytes !== undefined && !(Number.isSafeInteger(job.maxOutputBytes) && job.maxOutputBytes >= 1)) bad('maxOutputBytes', 'a positive integer (bytes)', job.maxOutputBytes);
    // Jobs are copied to workers by structured clone: functions (createSession, now) cannot cross.
    for (const [field, value] of Object.entries(job)) if (typeof value === 'function') bad(field, 'plain data (a job crosses to a worker; pass createSession in the pool options)', value);
  }
  if (problems.length > 0) {
    throw new VirthookError('OPTIONS_INVALID', `Invalid scenario jobs:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`, { problems });
  }
}
