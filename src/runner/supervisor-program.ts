import { NAMESPACE_PROGRAM } from './namespace-program.js';
import { PROC_SCAN_PROGRAM } from './proc-scan-program.js';
import { RUN_SCRIPT_PROGRAM } from './run-script-program.js';

/**
 * The supervisor: a small Python program (3.8+) that runs hook scripts the way virCommandRun does
 * (posix_spawn with a clean env, stdin written then closed, stdout/stderr read until EOF, exact
 * wait status) and guarantees that nothing a hook started outlives the call. In `pid-namespace`
 * mode it is PID 1 of its own PID namespace (kill(-1) reaches every descendant, even after setsid
 * or a double fork); in `subreaper` mode it is a child subreaper that hunts its descendants in /proc.
 * A long-lived helper keeps the per-call cost close to a C posix_spawn loop: forking node for every
 * hook costs ~2x more.
 *
 * Protocol (both ways): u32 header length, u32 payload length (big endian), JSON header, payload.
 * The first frame is `{ready, mechanism}` or `{ready: false, reason}`. A `{prepare: KEY, ops}`
 * request builds a mount namespace (NAMESPACE_PROGRAM) and answers `{prepared, reason}`; a run
 * request with `namespace: KEY` spawns its script in that namespace.
 */
export const SUPERVISOR_PROGRAM = String.raw`
import errno, json, os, select, signal, struct, sys, time
${NAMESPACE_PROGRAM}

MODE = sys.argv[1]
WAKE_R, WAKE_W = os.pipe()
os.set_blocking(WAKE_R, False)
os.set_blocking(WAKE_W, False)
SIGDEF = [s for s in signal.valid_signals() if s not in (signal.SIGKILL, signal.SIGSTOP)]
REAPED = {}
CWD = None


def close_inherited():
    # virCommandMassClose: a hook gets fds 0-2 only; those we inherited (a shell's, a CI runner's) must not reach it.
    for name in os.listdir('/proc/self/fd'):
        if int(name) > 2:
            try:
                os.set_inheritable(int(name), False)
            except OSError:
                pass


def prepare():
    close_inherited()
    # A process group of our own: a hook's kill(0) (kill -TERM 0) must not reach virthook.
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    # Ctrl-C belongs to the harness, which disposes of us; hooks get default dispositions anyway.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, lambda s, f: None)
    signal.set_wakeup_fd(WAKE_W)
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
    except Exception:
        if MODE == 'subreaper':
            raise
        return
    # The hook sees its parent as the daemon (/proc/$PPID/comm), as under a real libvirtd.
    libc.prctl(15, b'libvirtd', 0, 0, 0)
    if MODE == 'subreaper':
        # PR_SET_CHILD_SUBREAPER: orphans (setsid, double fork) come back to us, not to init.
        if libc.prctl(36, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), 'prctl(PR_SET_CHILD_SUBREAPER) failed')
        # PR_SET_PDEATHSIG: if the harness dies, clean up instead of leaking hooks.
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)
        parent = os.getppid()
        # Only the harness's death counts: a hook's kill -TERM $PPID must not end the run.
        signal.signal(signal.SIGTERM, lambda s, f: shutdown() if os.getppid() != parent else None)


def send(header, payload=b''):
    head = json.dumps(header).encode()
    view = memoryview(struct.pack('>II', len(head), len(payload)) + head + payload)
    while view:
        view = view[os.write(1, view):]


def read_exact(n):
    parts, left = [], n
    while left:
        chunk = os.read(0, left)
        if not chunk:
            return None
        parts.append(chunk)
        left -= len(chunk)
    return b''.join(parts)


def reap():
    # Returns whether any child is left; records every exit status it collects.
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return False
        if pid == 0:
            return True
        REAPED[pid] = status


def drain_wake():
    try:
        while os.read(WAKE_R, 4096):
            pass
    except BlockingIOError:
        pass


${PROC_SCAN_PROGRAM}


def signal_all(sig):
    if MODE == 'pid-namespace':
        # kill(-1) from the namespace's init reaches every process in it, whatever it did (setsid, double fork).
        try:
            os.kill(-1, sig)
        except ProcessLookupError:
            pass
        return
    for pid in descendants():
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def kill_tree(kill_delay):
    if not reap():
        return
    signal_all(signal.SIGTERM)
    deadline = time.monotonic() + kill_delay
    while reap():
        left = deadline - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([WAKE_R, 0], [], [], min(left, 0.05))
        drain_wake()
        if 0 in r:
            # The harness is going away (its end of our stdin closed): no more grace.
            break
    while reap():
        signal_all(signal.SIGKILL)
        select.select([WAKE_R], [], [], 0.01)
        drain_wake()


def shutdown():
    kill_tree(0)
    os._exit(0)


${RUN_SCRIPT_PROGRAM}


def main():
    if sys.version_info < (3, 8):
        send({'ready': False, 'reason': 'Python 3.8 or newer is required'})
        return
    try:
        prepare()
    except Exception as e:
        send({'ready': False, 'reason': str(e)})
        return
    send({'ready': True, 'mechanism': MODE, 'python': sys.executable})
    while True:
        head = read_exact(8)
        if head is None:
            break
        header_length, payload_length = struct.unpack('>II', head)
        req = json.loads(read_exact(header_length))
        payload = read_exact(payload_length) if payload_length else b''
        if 'prepare' in req:
            reason = prepare_namespace(req['prepare'], req['ops'])
            send({'prepared': reason is None, 'reason': reason})
            continue
        try:
            run(req, payload)
        except OSError as e:
            send({'error': '%s: %s' % (e.filename or req['path'], e.strerror or e)})
    kill_tree(0)


main()
`;
