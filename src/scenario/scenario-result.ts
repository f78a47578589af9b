import type { ExpectationFailure } from '../assertions/expectation-failure.js';
import type { Recording } from '../model/recording.js';

/** What one step did, as virsh showed it. */
export interface StepRun {
  /** Index in the run (and `stepIndex` of its invocations in the recording). */
  readonly index: number;
  /** The step as typed after `virsh`, e.g. `net-start lvo-nat`. */
  readonly step: string;
  /** Where it sits in the scenario: `steps[2]` or `networks[0]`. */
  readonly path: string;
  readonly line?: number;
  readonly ok: boolean;
  readonly vetoed: boolean;
  readonly output: string;
  readonly error: string | null;
}

/** An expectation that did not hold, placed in the scenario. */
export interface ScenarioFailure extends ExpectationFailure {
  /** The step whose `expect:` failed; null for the scenario-level `expect:`. */
  readonly stepIndex: number | null;
  /** Line of the step (or of the scenario-level `expect:`) in the scenario file. */
  readonly line?: number;
}

/** One run of a scenario against one libvirt release. */
export interface ProfileRun {
  readonly libvirt: string;
  /** With --replay-orders all: which port-created replay order this run used (`2/6`). */
  readonly replayOrder?: string;
  readonly passed: boolean;
  readonly steps: readonly StepRun[];
  readonly recording: Recording;
  readonly failures: readonly ScenarioFailure[];
  readonly durationMs: number;
}

/** What `--update` does with a scenario's transcript snapshot. */
export interface SnapshotUpdate {
  /** The snapshot file, absolute. */
  readonly file: string;
  readonly displayFile: string;
  /** The file's new text: this run's transcripts, other releases' sections kept. */
  readonly text: string;
  /** Whether the text differs from the file's (or the file does not exist yet). */
  readonly changed: boolean;
}

/** A scenario's outcome over every release of its matrix. */
export interface ScenarioResult {
  readonly name: string;
  readonly description: string | null;
  /** The scenario file as shown in messages. */
  readonly file: string;
  readonly hooksDir: string;
  readonly runs: readonly ProfileRun[];
  readonly passed: boolean;
  /**
   * What the run could not do as asked, once each over all its releases: the hook runner's notices
   * (e.g. command doubles fell back to PATH, so commands run by absolute path ran for real).
   * Reporters and the CLI show them once per run; they do not fail the scenario.
   */
  readonly warnings?: readonly string[];
  /** Set when snapshots are being updated and the scenario has one (runScenario's `updateSnapshots`). */
  readonly snapshotUpdate?: SnapshotUpdate;
}
