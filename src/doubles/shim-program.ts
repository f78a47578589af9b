/**
 * The executable every intercepted path runs: a small Python program that sends virthook the call
 * (executed path, argv, environment and cwd as the kernel gave them, stdin when the caller
 * redirected it) over a unix socket and replays the answer (stdout, stderr, exit status). It reads
 * /proc/self/cmdline and /proc/self/environ so Python's own start-up changes nothing it reports.
 *
 * @param interpreter absolute path of a Python 3 interpreter (the `#!` line; `-IS`: no site, no env).
 * @param socket the unix socket virthook listens on for this slot.
 */
export function shimProgram(interpreter: string, socket: string): string {
  return `#!${interpreter} -IS
# virthook command double: reports this call to virthook and replays its scripted answer.
# C modules only: socket.py and signal.py import enum, which doubles the start-up time.
import _signal, _socket, _struct, os, sys

SOCKET = ${JSON.stringify(socket)}


def read_all(read):
    parts = []
    while True:
        try:
            chunk = read(65536)
        except OSError:
            chunk = b''
        if not chunk:
            return b''.join(parts)
        parts.append(chunk)


def stdin_of(pid):
    try:
        return os.readlink('/proc/%s/fd/0' % pid)
    except OSError:
        return None


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def main():
    # A real command writing to a closed pipe dies of SIGPIPE; so does its double.
    _signal.signal(_signal.SIGPIPE, _signal.SIG_DFL)
    with open('/proc/self/cmdline', 'rb') as f:
        words = f.read().split(b'\\0')[:-1]
    words = words[len(words) - len(sys.argv):]
    with open('/proc/self/environ', 'rb') as f:
        environ = f.read()
    try:
        cwd = os.getcwdb()
    except OSError:
        cwd = b'?'
    own = stdin_of('self')
    stdin = None
    # Read stdin only when the caller redirected it: an inherited stdin (the hook's XML) stays for later commands.
    if own is not None and own != stdin_of(os.getppid()):
        stdin = read_all(lambda n: os.read(0, n))
    args = b''.join(w + b'\\0' for w in words[1:])
    lengths = (len(words[0]), len(args), len(environ), len(cwd), 0xffffffff if stdin is None else len(stdin))
    conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        conn.connect(SOCKET)
        conn.sendall(b'VHD1' + _struct.pack('>IIIII', *lengths) + words[0] + args + environ + cwd + (stdin or b''))
        conn.shutdown(_socket.SHUT_WR)
        reply = read_all(conn.recv)
        if len(reply) < 12:
            raise OSError(0, 'no answer')
    except OSError as e:
        write_all(2, b'virthook: the command double ' + words[0] + b' cannot reach virthook: ' + str(e.strerror).encode() + b'\\n')
        os._exit(127)
    code, out, err = _struct.unpack('>iII', reply[:12])
    write_all(1, reply[12:12 + out])
    write_all(2, reply[12 + out:12 + out + err])
    os._exit(code & 255)


main()
`;
}
