/**
 * The supervisor's mount-namespace part (Python, spliced into SUPERVISOR_PROGRAM): builds a
 * private mount namespace from a list of MountOps in a short-lived child (unshare(CLONE_NEWNS),
 * then the mounts), keeps a handle on it (/proc/PID/ns/mnt) and lets posix_spawn start hooks in
 * it by entering it with setns around the spawn. A namespace is built once per key and reused, so
 * a hook run costs two setns calls. Mounts never propagate back to the host (MS_SLAVE first).
 * In a user namespace (an unprivileged caller) the same mounts work: the supervisor is root there.
 */
export const NAMESPACE_PROGRAM = String.raw`
CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_SLAVE = 1, 2, 4, 4096, 16384, 1 << 19
NS = {'libc': None, 'ctypes': None, 'self': None, 'prepared': {}}


def ns_libc():
    if NS['libc'] is None:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
        libc.setns.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.unshare.argtypes = [ctypes.c_int]
        NS['libc'], NS['ctypes'] = libc, ctypes
    return NS['libc']


def ns_check(result, what):
    if result != 0:
        code = NS['ctypes'].get_errno()
        raise OSError(code, '%s: %s' % (what, os.strerror(code)))


def ns_mount(source, target, fstype, flags, data=None):
    enc = lambda s: None if s is None else os.fsencode(s)
    ns_check(ns_libc().mount(enc(source), enc(target), enc(fstype), flags, enc(data)), 'mount %s on %s' % (source or fstype, target))


def ns_placeholder(target, directory):
    if os.path.lexists(target):
        return
    if directory:
        os.makedirs(target, 0o755)
    else:
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_CLOEXEC, 0o644))


def ns_shadow(target):
    # A tmpfs over the directory with every entry bound back: writes into them reach the host, submounts stay.
    fd = os.open(target, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        base = '/proc/self/fd/%d/' % fd
        names = os.listdir(base)
        mode = 'mode=%o' % (info.st_mode & 0o7777)
        try:
            ns_mount('tmpfs', target, 'tmpfs', MS_NOSUID | MS_NODEV, '%s,uid=%d,gid=%d' % (mode, info.st_uid, info.st_gid))
        except OSError as e:
            # In a user namespace the owner (the real root) may be unmapped: the namespace's root owns the tmpfs then.
            if e.errno != errno.EINVAL:
                raise
            ns_mount('tmpfs', target, 'tmpfs', MS_NOSUID | MS_NODEV, mode)
        for name in names:
            source, dest = base + name, os.path.join(target, name)
            try:
                mode = os.lstat(source).st_mode
            except OSError:
                continue
            if (mode & 0o170000) == 0o120000:
                os.symlink(os.readlink(source), dest)
                continue
            ns_placeholder(dest, (mode & 0o170000) == 0o040000)
            ns_mount(source, dest, None, MS_BIND | MS_REC)
    finally:
        os.close(fd)


def ns_escape(path):
    return path.replace('\\', '\\\\').replace(':', '\\:').replace(',', '\\,')


def ns_overlay(target, lower):
    try:
        ns_mount('virthook', target, 'overlay', MS_RDONLY, 'lowerdir=%s:%s' % (ns_escape(lower), ns_escape(target)))
    except OSError:
        # No usable overlayfs here: shadow the directory and bind each shim over its entry.
        ns_shadow(target)
        for name in os.listdir(lower):
            dest = os.path.join(target, name)
            if os.path.islink(dest):
                os.unlink(dest)
            if not os.path.isdir(dest):
                ns_placeholder(dest, False)
                ns_mount(os.path.join(lower, name), dest, None, MS_BIND)


def ns_apply(op):
    kind = op['op']
    if kind == 'slave':
        ns_mount(None, '/', None, MS_REC | MS_SLAVE)
    elif kind == 'shadow':
        ns_shadow(op['target'])
    elif kind == 'mkdir':
        os.makedirs(op['target'], 0o755, exist_ok=True)
    elif kind == 'tmpfs':
        ns_mount('tmpfs', op['target'], 'tmpfs', MS_NOSUID | MS_NODEV, 'mode=755')
    elif kind == 'overlay':
        ns_overlay(op['target'], op['lower'])
    elif kind == 'bind':
        ns_placeholder(op['target'], os.path.isdir(op['source']))
        ns_mount(op['source'], op['target'], None, MS_BIND | MS_REC)
    else:
        raise ValueError('unknown mount operation %r' % kind)


def prepare_namespace(key, ops):
    # Returns None when the namespace is ready, else why it could not be built.
    try:
        libc = ns_libc()
        if NS['self'] is None:
            NS['self'] = os.open('/proc/self/ns/mnt', os.O_RDONLY | os.O_CLOEXEC)
    except Exception as e:
        return str(e)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            status = b'ok'
            try:
                ns_check(libc.unshare(CLONE_NEWNS), 'unshare(CLONE_NEWNS)')
                for op in ops:
                    ns_apply(op)
            except BaseException as e:
                status = str(e).encode('utf-8', 'replace')[:2048] or b'failed'
            os.write(w, status)
            # Stay until the parent holds /proc/PID/ns/mnt: it kills us then.
            while True:
                signal.pause()
        finally:
            os._exit(1)
    os.close(w)
    ready, _, _ = select.select([r], [], [], 30)
    status = os.read(r, 4096) if ready else b'building the namespace timed out'
    os.close(r)
    fd = None
    if status == b'ok':
        fd = os.open('/proc/%d/ns/mnt' % pid, os.O_RDONLY | os.O_CLOEXEC)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    if fd is None:
        return status.decode('utf-8', 'replace')
    NS['prepared'][key] = fd
    return None


def enter_namespace(key, cwd):
    ns_check(NS['libc'].setns(NS['prepared'][key], CLONE_NEWNS), 'setns')
    # setns resets the working directory to the namespace's root.
    try:
        os.chdir(cwd)
    except OSError:
        leave_namespace(cwd)
        raise


def leave_namespace(cwd):
    ns_check(NS['libc'].setns(NS['self'], CLONE_NEWNS), 'setns back')
    os.chdir(cwd)
`;
