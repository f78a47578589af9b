import type { Session } from '../harness/session.js';
import type { SessionFactory, SessionRequest } from '../scenario/run-scenario.js';

/** A session factory that remembers the sessions it made until they are disposed. */
export interface TrackedSessions {
  readonly createSession: SessionFactory;
  /** Disposes every live session (their hooks are killed) and refuses new ones. */
  disposeAll(): Promise<void>;
}

/**
 * Wraps a session factory (default: the harness's createSession) so that an abort can stop the
 * scenarios in flight: runScenario owns its sessions and takes no signal.
 */
export function trackSessions(base?: SessionFactory): TrackedSessions {
  const live = new Set<Session>();
  let closed = false;
  const factory = async (request: SessionRequest): Promise<Session> => {
    if (closed) throw new Error('the scenario pool is stopping');
    const create = base ?? (await import('../harness/create-session.js')).createSession;
    const session = await create(request);
    if (closed) {
      await session.dispose();
      throw new Error('the scenario pool is stopping');
    }
    live.add(session);
    const dispose = session.dispose.bind(session);
    session.dispose = async () => {
      live.delete(session);
      await dispose();
    };
    return session;
  };
  return {
    createSession: factory,
    async disposeAll(): Promise<void> {
      closed = true;
      await Promise.allSettled([...live].map((session) => session.dispose()));
    },
  };
}
