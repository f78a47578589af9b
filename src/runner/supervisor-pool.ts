import { VirthookError } from '../errors/virthook-error.js';
import type { HookSpawner, SpawnRequest, SpawnResult } from './hook-spawner.js';
import { describeLaunch, Supervisor, type SupervisorLaunch, type SupervisorMechanism } from './supervisor.js';
import { parkSupervisor } from './supervisor-parking.js';

interface Waiter {
  resolve(supervisor: Supervisor): void;
  reject(error: Error): void;
}

/**
 * Runs requests on up to `concurrency` supervisors started like the first one (same mechanism,
 * user namespace or not), on demand; each supervisor runs one script at a time (the scripts of
 * one call are sequential anyway).
 */
export class SupervisorPool implements HookSpawner {
  private readonly idle: Supervisor[] = [];
  private readonly all = new Set<Supervisor>();
  private readonly queue: Waiter[] = [];
  private readonly python: string;
  private starting = 0;
  private disposed = false;
  private readonly launch: SupervisorLaunch;
  readonly isolation: SupervisorMechanism;

  /** @param withoutNamespace why these supervisors build no mount namespace (`subreaper`), for the PATH fallback's notice. */
  constructor(private readonly concurrency: number, first: Supervisor, private readonly withoutNamespace: string) {
    this.launch = first.launch;
    this.isolation = first.launch.mechanism;
    // Later supervisors start from the resolved interpreter, skipping version-manager shims.
    this.python = first.python;
    this.all.add(first);
    this.idle.push(first);
  }

  async spawn(request: SpawnRequest): Promise<SpawnResult> {
    if (this.disposed) throw new VirthookError('INTERNAL', `Failed to run hook ${request.path}: the runner was disposed.`);
    const supervisor = await this.acquire().catch((error: Error) => {
      throw new VirthookError('INTERNAL', `Failed to run hook ${request.path}: could not start a ${describeLaunch(this.launch)} supervisor (${error.message}).`, { cause: error });
    });
    try {
      return await supervisor.spawn(request, this.withoutNamespace);
    } finally {
      this.release(supervisor);
    }
  }

  private acquire(): Promise<Supervisor> {
    for (let s = this.idle.pop(); s; s = this.idle.pop()) {
      if (s.alive) return Promise.resolve(s);
      this.all.delete(s);
    }
    if (this.all.size + this.starting >= this.concurrency) return new Promise((resolve, reject) => this.queue.push({ resolve, reject }));
    this.starting += 1;
    return Supervisor.start(this.launch, this.python).then(
      async (supervisor) => {
        this.starting -= 1;
        if (this.disposed) {
          await supervisor.dispose();
          throw new Error('the runner was disposed');
        }
        this.all.add(supervisor);
        return supervisor;
      },
      (error: Error) => {
        this.starting -= 1;
        throw error;
      },
    );
  }

  private release(supervisor: Supervisor): void {
    if (!this.disposed && supervisor.alive) {
      const waiter = this.queue.shift();
      if (waiter) waiter.resolve(supervisor);
      else this.idle.push(supervisor);
      return;
    }
    this.all.delete(supervisor);
    void supervisor.dispose();
    const waiter = this.queue.shift();
    if (!waiter) return;
    if (this.disposed) waiter.reject(new Error('the runner was disposed'));
    // The broken supervisor's slot is free again: start a replacement for the next in line.
    else this.acquire().then(waiter.resolve, waiter.reject);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const idle = new Set(this.idle.splice(0));
    for (const waiter of this.queue.splice(0)) waiter.reject(new Error('the runner was disposed'));
    // Busy supervisors are stopping a hook: only idle ones may serve another runner (scenario workers).
    await Promise.all([...this.all].map((s) => (idle.has(s) && parkSupervisor(s) ? undefined : s.dispose())));
    this.all.clear();
  }
}
