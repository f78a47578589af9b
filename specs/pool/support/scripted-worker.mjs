// A pool worker for specs: speaks the scenario worker's protocol, and each job says what to do
// (reply, crash by exit or by an uncaught throw, start a child in its group, ignore stop).
import { spawn } from 'node:child_process';
import { parentPort, threadId } from 'node:worker_threads';

const post = (message) => (parentPort ? parentPort.postMessage(message) : process.send(message));
const listen = (listener) => (parentPort ? parentPort.on('message', listener) : process.on('message', listener));
let ignoreStop = false;
const children = [];

listen((message) => {
  if (message.type === 'stop') {
    if (ignoreStop) return;
    for (const child of children) child.kill('SIGKILL');
    process.exit(0);
  }
  const job = message.job;
  if (job.ignoreStop) ignoreStop = true;
  if (job.child) children.push(spawn('sleep', ['86400'], { argv0: job.child, stdio: 'ignore' }));
  if (job.crash === 'exit') process.exit(7);
  if (job.crash === 'throw') setImmediate(() => { throw new Error(`scripted crash ${job.reply}`); });
  else post({ type: 'done', id: message.id, outcome: { reply: job.reply, worker: `${process.pid}/${threadId}` } });
});
post({ type: 'ready' });
