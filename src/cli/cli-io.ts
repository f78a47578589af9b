import type { SessionFactory } from '../scenario/run-scenario.js';
import type { FileWatcher } from './file-watcher.js';
import type { ScenarioJobRunner } from './run-scenario-jobs.js';

/** A stream the CLI writes text to. */
export interface TextSink {
  write(text: string): unknown;
}

/** Everything the CLI touches of its process, injected so that main() is a plain function. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Base of relative paths. */
  readonly cwd: string;
  /**
   * The user's environment: only NO_COLOR, GITHUB_STEP_SUMMARY and CI (strict mode's default) are read (hooks never see it).
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour only then). */
  readonly isTTY: boolean;
  /** Builds simulated daemons; a double in specs. @default the harness's createSession */
  readonly createSession?: SessionFactory;
  /** Runs the scenarios of one `run`, results in input order (the `--jobs` pool plugs in here). @default one after another */
  readonly runJobs?: ScenarioJobRunner;
  /** Watches files for `--watch`. @default node:fs.watch */
  readonly watcher?: FileWatcher;
  /** Ends `--watch` (bin.ts aborts it on SIGINT/SIGTERM). Without it, watch mode runs until the process ends. */
  readonly signal?: AbortSignal;
}
