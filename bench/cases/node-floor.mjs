// The floor without a C compiler: Node's child_process.spawn, same argv, env and stdin, N times.
// usage: node node-floor.mjs N STDIN_FILE ENV_FILE HOOK ARG...   -> JSON on stdout
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [count, stdinFile, envFile, hook, ...args] = process.argv.slice(2);
const stdin = readFileSync(stdinFile);
const env = Object.fromEntries(readFileSync(envFile, 'utf8').split('\0').filter(Boolean).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));

function once() {
  return new Promise((resolve) => {
    const child = spawn(hook, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
    child.stdout.resume();
    child.stderr.resume();
    child.on('close', (code) => resolve(code));
  });
}

const n = Number(count);
let failures = 0;
const t0 = performance.now();
for (let i = 0; i < n; i += 1) if ((await once()) !== 0) failures += 1;
console.log(JSON.stringify({ calls: n, ms: performance.now() - t0, failures }));
