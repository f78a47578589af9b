/** What the pool sends a worker: a job to run, or the order to clean up and exit. */
export type ToWorker = { readonly type: 'run'; readonly id: number; readonly job: unknown } | { readonly type: 'stop' };

/** What a worker sends back: that it loaded, or a job's outcome. */
export type FromWorker = { readonly type: 'ready' } | { readonly type: 'done'; readonly id: number; readonly outcome: unknown };

/** Narrows an incoming message; anything else from a worker is a protocol fault. */
export function isFromWorker(message: unknown): message is FromWorker {
  if (typeof message !== 'object' || message === null) return false;
  const { type, id } = message as { type?: unknown; id?: unknown };
  return type === 'ready' || (type === 'done' && typeof id === 'number');
}
