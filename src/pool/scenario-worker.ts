/**
 * Entry point of a scenario worker (a worker thread or a forked process; like cli/bin.ts, the only
 * module of the pool that touches `process`). It runs one job at a time with runScenarioJob and
 * answers with plain data. Idle hook supervisors are kept from one scenario to the next. On
 * `stop`, or when its parent goes away, it disposes the sessions in flight and the kept
 * supervisors (they kill every hook) and exits.
 */
import { parentPort } from 'node:worker_threads';
import { holdSupervisorParking } from '../runner/supervisor-parking.js';
import { runScenarioJob } from './run-scenario-job.js';
import type { ScenarioJob } from './scenario-job.js';
import { trackSessions } from './track-sessions.js';
import type { FromWorker, ToWorker } from './worker-message.js';

interface Port {
  post(message: FromWorker): void;
  listen(listener: (message: ToWorker) => void): void;
  onParentGone(listener: () => void): void;
}

function connect(): Port {
  const thread = parentPort;
  if (thread) {
    return { post: (m) => thread.postMessage(m), listen: (l) => thread.on('message', l), onParentGone: (l) => thread.once('close', l) };
  }
  if (!process.send) throw new Error('scenario-worker.js must be started by the scenario pool (worker thread or fork with IPC).');
  return {
    post: (m) => void process.send?.(m),
    listen: (l) => process.on('message', (m) => l(m as ToWorker)),
    onParentGone: (l) => process.once('disconnect', l),
  };
}

const port = connect();
const sessions = trackSessions();
// Scenario after scenario: each session's idle hook supervisor serves the next one.
const releaseParking = holdSupervisorParking();
let stopping = false;

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sessions.disposeAll();
  await releaseParking();
  process.exit(0);
}

port.listen((message) => {
  if (message.type === 'stop') {
    void stop();
    return;
  }
  void runScenarioJob(message.job as ScenarioJob, sessions.createSession).then((outcome) => {
    if (!stopping) port.post({ type: 'done', id: message.id, outcome });
  });
});
port.onParentGone(() => void stop());
port.post({ type: 'ready' });
