import { NAMESPACE_PROGRAM } from './namespace-program.js';

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


def prepare():
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
        signal.signal(signal.SIGTERM, lambda s, f: shutdown())


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


def processes():
    table = {}
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open('/proc/' + name + '/stat', 'rb') as f:
                data = f.read()
        except OSError:
            continue
        fields = data[data.rindex(b')') + 2:].split()
        if fields[0] not in (b'Z', b'X'):
            table[int(name)] = int(fields[1])
    return table


def descendants():
    me = os.getpid()
    table = processes()
    if MODE == 'pid-namespace':
        return sorted(pid for pid in table if pid != me)
    children = {}
    for pid, ppid in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [me]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return sorted(found)


def command(pid):
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            raw = f.read()
        if not raw:
            with open('/proc/%d/comm' % pid, 'rb') as f:
                raw = b'[' + f.read().strip() + b']'
        return raw.rstrip(b'\0').replace(b'\0', b' ').decode('utf-8', 'replace')
    except OSError:
        return '?'


def describe(pids):
    return [{'pid': pid, 'command': command(pid)} for pid in pids]


def pipe_holders(inodes):
    wanted = set('pipe:[%d]' % inode for inode in inodes)
    holders = []
    for pid in descendants():
        try:
            fds = os.listdir('/proc/%d/fd' % pid)
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink('/proc/%d/fd/%s' % (pid, fd)) in wanted:
                    holders.append(pid)
                    break
            except OSError:
                pass
    return holders


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


def drain(fd, buf, cap):
    os.set_blocking(fd, False)
    try:
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buf += chunk[:max(0, cap - len(buf))]
    except BlockingIOError:
        pass
    os.close(fd)


def spawn(req, actions):
    env = {}
    for entry in req['env']:
        name, _, value = entry.partition('=')
        env.setdefault(name, value)
    key = req.get('namespace')
    if key:
        enter_namespace(key, req['cwd'])
    try:
        return os.posix_spawn(req['path'], req['argv'], env, file_actions=actions,
                              setsigmask=(), setsigdef=SIGDEF), None
    except OSError as e:
        return None, e
    finally:
        if key:
            leave_namespace(req['cwd'])


def run(req, stdin_bytes):
    global CWD
    if CWD != req['cwd']:
        # libvirt never chdirs: the hook inherits the daemon's cwd, so we stand where the daemon would.
        os.chdir(req['cwd'])
        CWD = req['cwd']
    started = time.monotonic()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    in_r = in_w = None
    if req['stdin']:
        in_r, in_w = os.pipe()
        actions = [(os.POSIX_SPAWN_DUP2, in_r, 0)]
    else:
        # virExec: no input buffer means stdin is /dev/null, opened read-write.
        actions = [(os.POSIX_SPAWN_OPEN, 0, '/dev/null', os.O_RDWR, 0)]
    actions += [(os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_DUP2, err_w, 2)]
    REAPED.clear()
    pid, failure = spawn(req, actions)
    for fd in (in_r, out_w, err_w):
        if fd is not None:
            os.close(fd)
    bufs = {out_r: bytearray(), err_r: bytearray()}
    result = {'timedOut': False, 'outputCapped': None, 'lingering': None, 'survivors': [],
              'execErrno': None, 'execMessage': None}
    status = None
    if pid is None:
        result['execErrno'] = errno.errorcode.get(failure.errno, str(failure.errno))
        result['execMessage'] = os.strerror(failure.errno)
        for fd in (in_w, out_r, err_r):
            if fd is not None:
                os.close(fd)
        return finish(result, None, started, b'', b'')
    pending = memoryview(stdin_bytes)
    if in_w is not None:
        os.set_blocking(in_w, False)
        if not pending:
            os.close(in_w)
            in_w = None
    open_fds = [out_r, err_r]
    cap = req['cap']
    deadline = started + req['timeout'] / 1000.0
    grace = req['grace'] / 1000.0
    kill_delay = req['killDelay'] / 1000.0
    exited_at = None
    killed = False
    while True:
        if status is None:
            reap()
            if pid in REAPED:
                status = REAPED.pop(pid)
                exited_at = time.monotonic()
        if status is not None and (not open_fds or killed):
            break
        now = time.monotonic()
        wake_at = deadline if exited_at is None else min(deadline, exited_at + grace)
        if now >= wake_at and not killed:
            # The hook itself exited: whatever wakes us (grace or deadline), descendants hold the pipes.
            if exited_at is not None:
                inodes = [os.fstat(fd).st_ino for fd in open_fds]
                holders = pipe_holders(inodes)
                others = [p for p in descendants() if p not in holders]
                result['lingering'] = {'afterExitMs': round((now - exited_at) * 1000), 'holders': describe(holders)}
                result['survivors'] = describe(others)
            else:
                result['timedOut'] = True
            kill_tree(kill_delay)
            killed = True
            continue
        readable = open_fds + [WAKE_R, 0]
        writable = [in_w] if in_w is not None else []
        r, w, _ = select.select(readable, writable, [], max(0.0, wake_at - now) if not killed else 0.05)
        if 0 in r:
            # The harness closed our stdin (dispose or crash): nothing may outlive it.
            shutdown()
        if WAKE_R in r:
            drain_wake()
        if w:
            try:
                pending = pending[os.write(in_w, pending[:65536]):]
            except BrokenPipeError:
                # virCommandProcessIO: the child closed stdin early; EPIPE is not an error.
                pending = pending[:0]
            except BlockingIOError:
                pass
            if not pending:
                os.close(in_w)
                in_w = None
        for fd in r:
            if fd not in bufs or fd not in open_fds:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                os.close(fd)
                open_fds.remove(fd)
                continue
            buf = bufs[fd]
            room = cap - len(buf)
            buf += chunk[:room]
            if len(chunk) > room and not killed:
                result['outputCapped'] = 'stdout' if fd == out_r else 'stderr'
                kill_tree(kill_delay)
                killed = True
    for fd in open_fds:
        drain(fd, bufs[fd], cap)
    if in_w is not None:
        os.close(in_w)
    if not killed and reap():
        result['survivors'] = describe(descendants())
        kill_tree(kill_delay)
    return finish(result, status, started, bytes(bufs[out_r]), bytes(bufs[err_r]))


def finish(result, status, started, out, err):
    result['durationMs'] = round((time.monotonic() - started) * 1000, 3)
    result['exitCode'] = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else None
    result['signal'] = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
    result['stdoutLength'] = len(out)
    send(result, out + err)


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
