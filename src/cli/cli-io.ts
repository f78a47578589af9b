import type { SessionFactory } from '../scenario/run-scenario.js';

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
  /** The user's environment: only NO_COLOR is read (hooks never see it). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour only then). */
  readonly isTTY: boolean;
  /** Builds simulated daemons; a double in specs. @default the harness's createSession */
  readonly createSession?: SessionFactory;
}
