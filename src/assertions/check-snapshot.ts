import type { ExpectationFailure } from './expectation-failure.js';
import { lineDiff } from './line-diff.js';

/**
 * Compares a run's transcript with the recorded one (null when none is recorded yet). The diff
 * reads `-` recorded, `+` this run; `file` names where the recording lives, for the hint.
 */
export function checkSnapshot(actual: string, recorded: string | null, file: string): ExpectationFailure[] {
  if (recorded === null) {
    return [{ path: 'snapshot', message: `no transcript is recorded for this release in ${file}`, hint: 'Run virthook run --update to record it, review the file and commit it.' }];
  }
  if (recorded === actual) return [];
  return [
    {
      path: 'snapshot',
      message: `the transcript differs from the one recorded in ${file}`,
      diff: lineDiff(recorded, actual, { labels: ['recorded', 'this run'] }),
      hint: 'If the change is intended, run virthook run --update and commit the new snapshot.',
    },
  ];
}
