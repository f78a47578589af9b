/**
 * The supervisor's /proc part (Python, spliced into SUPERVISOR_PROGRAM): the process table, this
 * supervisor's descendants, their command lines, and which of them hold a given pipe open (the
 * lingering children a real libvirtd would wait for).
 */
export const PROC_SCAN_PROGRAM = String.raw`
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
`;
