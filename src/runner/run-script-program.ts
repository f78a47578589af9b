/**
 * The supervisor's run part (Python, spliced into SUPERVISOR_PROGRAM): one script run as
 * virCommandRun does it (posix_spawn, stdin written then closed, stdout/stderr read to EOF under
 * the output cap, the timeout and linger grace enforced), answered with one result frame.
 */
export const RUN_SCRIPT_PROGRAM = String.raw`
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
        # Under the subreaper nothing shields us from a hook's kill(0): the hook gets a group of its own.
        group = {'setpgroup': 0} if MODE == 'subreaper' else {}
        return os.posix_spawn(req['path'], req['argv'], env, file_actions=actions,
                              setsigmask=(), setsigdef=SIGDEF, **group), None
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
`;
