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
  /**
   * What libvirt logged during the step (a failed replay or autostart it ignored, a firewalld
   * reload ...), in order; runScenario always sets it.
   */
  readonly logs?: readonly string[];
}

/** An expectation that did not hold, placed in the scenario. */
export interface ScenarioFailure extends ExpectationFailure {
  /** The step whose `expect:` failed; null for the scenario-level `expect:`. */
  readonly stepIndex: number | null;
  /** Line of the step (or of the scenario-level `expect:`) in the scenario file. */
  readonly line?: number;
}

/**
 * Something that did not fail the run but would behave differently on a real host: descendants a
 * script left running with their stdio elsewhere (libvirt does not wait for them; virthook
 * killed them).
 */
export interface ScenarioWarning {
  /** The step during which it happened. */
  readonly stepIndex: number;
  /** Where the step sits in the file (`steps[2]`, `networks[0]`). */
  readonly path: string;
  readonly line?: number;
  /** One line: which script run, which processes, what a real host would do. */
  readonly message: string;
  /** Index into `recording.invocations` of the script run concerned. */
  readonly invocation: number;
}

/** One run of a scenario against one libvirt release. */
export interface ProfileRun {
  readonly libvirt: string;
  /**
   * With --replay-orders all: which port-created replay orders this run used, e.g.
   * `2/6: nat:52:54:00:00:00:02, nat:52:54:00:00:00:01`, or `3/24 of 720: ...` when bounded.
   */
  readonly replayOrder?: string;
  readonly passed: boolean;
  readonly steps: readonly StepRun[];
  readonly recording: Recording;
  /**
   * Everything that failed the run: each expectation that did not hold, and each script virthook
   * had to stop (timeout, output cap) or whose descendants held its stdout/stderr after it
   * exited (a real libvirtd would hang there), whatever the expectations say.
   */
  readonly failures: readonly ScenarioFailure[];
  /** What passes but deserves a look (survivors); shown by every reporter. @default [] */
  readonly warnings?: readonly ScenarioWarning[];
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
