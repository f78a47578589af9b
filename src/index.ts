/**
 * virthook's library API: simulate a libvirt daemon over a directory of real hook scripts.
 *
 * @example
 * const session = await createSession({ hooksDir: './hooks', libvirt: '9.0' });
 * await session.run({ verb: 'net-define', def: parseNetworkXml(xml, 'nat.xml'), file: 'nat.xml' });
 * const step = await session.run({ verb: 'net-start', network: 'nat' });
 * if (!step.ok) console.error(step.error); // exactly what virsh would print
 * await session.dispose();
 */
export { createSession, type SessionOptions } from './harness/create-session.js';
export { Session, type SessionStep, type SessionStepRecord, type HookRunnerLike } from './harness/session.js';
export type { RecordingOptions } from './harness/recording-options.js';
export { VirthookError, type VirthookErrorCode, type Problem, type SourceLocation } from './errors/virthook-error.js';
export { libvirtProfile, RECORDED_DAEMON_ENV, type LibvirtProfile } from './model/libvirt-profile.js';
export type { HookCall } from './model/hook-call.js';
export type { HookDriver, HookOp, HookSubop } from './model/hook-driver.js';
export type { HookOutcome } from './model/hook-outcome.js';
export type { Recording, RecordedInvocation, RecordedStep } from './model/recording.js';
export type { NetworkDef } from './model/network-def.js';
export type { Command, NetworkCommand, DaemonCommand, DomainCommand, PortCommand, ReplayOrder } from './simulator/command.js';
export type { StepResult } from './simulator/step-result.js';
export type { CallResult } from './runner/run-hook-call.js';
export { createRunner, type HookRunner, type RunCallOptions } from './runner/create-runner.js';
export type { RunnerOptions } from './runner/runner-options.js';
export { createCommandDoubles, type CommandDoubles } from './doubles/command-doubles.js';
export { normalizeDoubles, type DoublesOptions, type DoubleOptions, type ReplyOptions } from './doubles/normalize-doubles.js';
export { mergeDoublesOptions } from './doubles/merge-doubles-options.js';
export { checkCommands, type CommandExpectation, type CommandsExpectation } from './doubles/check-commands.js';
export type { CommandCall, DoublesViolation } from './doubles/command-call.js';
export { seedSimulatorState, type SeedDescription } from './simulator/seed-simulator-state.js';
export { enumerateReplayOrders, replaySequence } from './simulator/daemon/replay-order.js';
export type { SimulatorState } from './simulator/simulator-state.js';
export { parseDomainXml } from './xml/parse-domain.js';
export { parseNetworkPortXml, parseNetworkPortRequestXml } from './xml/parse-network-port.js';
export { renderStatusFiles } from './status/render-status-files.js';
export type { StatusFiles } from './status/status-files.js';
export type { ScriptRun, Lingering } from './runner/run-script.js';
export { parseNetworkXml } from './xml/parse-network.js';
export { loadScenario, type LoadScenarioOptions } from './scenario/load-scenario.js';
export { runScenario, type RunScenarioOptions } from './scenario/run-scenario.js';
export type { Scenario } from './scenario/scenario.js';
export type { ScenarioResult } from './scenario/scenario-result.js';
export { scenarioJsonSchema } from './scenario/scenario-json-schema.js';
export { renderReport, REPORTER_NAMES, type ReporterName } from './report/render-report.js';
export { runScenarioJobs, type RunScenarioJobsOptions } from './pool/run-scenario-jobs.js';
export { createScenarioPool, type ScenarioPool } from './pool/create-scenario-pool.js';
export type { ScenarioJob, ScenarioJobResult } from './pool/scenario-job.js';
export type { ScenarioPoolOptions } from './pool/scenario-pool-options.js';
