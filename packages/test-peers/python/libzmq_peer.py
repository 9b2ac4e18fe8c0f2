"""Drive real libzmq sockets from a test, one JSON request per stdin line.

Each request is ``{"id": n, "op": name, ...}`` and gets exactly one answer line on
stdout: ``{"id": n, "ok": true, "result": ...}`` or
``{"id": n, "ok": false, "error": "...", "errno": "EAGAIN"}``.

The loop is single threaded and never blocks on a socket: blocking requests
(send, recv, wait_event) are parked with a deadline and retried whenever
zmq_poll says something changed, so one slow receive never holds up requests
for other sockets. Answers may therefore come out of request order.
"""

import base64
import collections
import errno as errno_module
import json
import os
import struct
import sys
import time

try:
    import zmq
    import zmq.utils.z85
except ImportError:
    sys.stderr.write("libzmq peer unavailable: python3 has no zmq module (install python3-zmq)\n")
    # The driver maps this exit status to its "unavailable" error.
    sys.exit(3)

# A parked send cannot be woken by POLLOUT: ROUTER, PUB and XPUB always report
# writable, so a blocked ROUTER_MANDATORY send would spin. Retry on a short tick.
SEND_RETRY_S = 0.005

# zmq's own names first: errno.errorcode would call 95 EOPNOTSUPP and has no EFSM.
ERRNO_NAMES = [
    "EAGAIN", "EFSM", "EHOSTUNREACH", "ENOTSUP", "ETERM", "EINVAL", "EADDRINUSE",
    "EADDRNOTAVAIL", "ECONNREFUSED", "ENOCOMPATPROTO", "EPROTONOSUPPORT", "ENOTSOCK",
    "EMSGSIZE", "EINTR", "ENOENT", "ENODEV", "EMTHREAD", "ENOTCONN", "EFAULT",
]
ERRNO_BY_VALUE = {}
for _name in ERRNO_NAMES:
    _value = getattr(zmq, _name, None)
    if _value is not None:
        ERRNO_BY_VALUE.setdefault(int(_value), _name)

# pyzmq 24 puts PROTOCOL_ERROR_* values into zmq.Event too; keep only real events.
EVENT_NAMES = {int(e): e.name for e in zmq.Event if not e.name.startswith("PROTOCOL_ERROR")}
PROTOCOL_ERRORS = {
    int(getattr(zmq, n)): n[len("PROTOCOL_ERROR_"):] for n in dir(zmq) if n.startswith("PROTOCOL_ERROR_")
}
# Events whose value is an errno rather than a file descriptor or an interval.
ERRNO_EVENTS = {"BIND_FAILED", "ACCEPT_FAILED", "CLOSE_FAILED", "HANDSHAKE_FAILED_NO_DETAIL"}


class RequestError(Exception):
    """A request failed; ``errno`` is the symbolic errno the driver reports."""

    def __init__(self, message, errno=None):
        super().__init__(message)
        self.errno = errno


def errno_name(value):
    return ERRNO_BY_VALUE.get(value) or errno_module.errorcode.get(value) or str(value)


def encode_bytes(data):
    return base64.b64encode(bytes(data)).decode("ascii")


def decode_value(value):
    if isinstance(value, dict) and "b64" in value:
        return base64.b64decode(value["b64"])
    if isinstance(value, str):
        return value.encode("utf-8")
    return value


def lookup(enum, name, what):
    try:
        return enum[name]
    except KeyError:
        raise RequestError("unknown %s %r" % (what, name), "EINVAL") from None


def parse_monitor_message(frames):
    event, value = struct.unpack("=HI", frames[0][:6])
    name = EVENT_NAMES.get(event, str(event))
    entry = {"event": name, "value": value, "endpoint": frames[1].decode("utf-8", "replace")}
    if name == "HANDSHAKE_FAILED_PROTOCOL":
        entry["detail"] = PROTOCOL_ERRORS.get(value, str(value))
    elif name in ERRNO_EVENTS:
        entry["detail"] = errno_name(value)
    return entry


class Parked:
    """A blocking request waiting for its socket, answered by ``attempt`` or at ``deadline``."""

    def __init__(self, request, deadline, attempt):
        self.request = request
        self.deadline = deadline
        self.attempt = attempt


class Entry:
    """One numbered socket with its monitor and its parked requests, one FIFO per direction."""

    def __init__(self, socket):
        self.socket = socket
        self.monitor = None
        self.events = []
        self.sends = collections.deque()
        self.recvs = collections.deque()
        self.waits = []

    def drain_monitor(self):
        while self.monitor is not None:
            try:
                frames = self.monitor.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            self.events.append(parse_monitor_message(frames))


ZAP_ENDPOINT = "inproc://zeromq.zap.01"


class ZapHandler:
    """A ZAP handler (RFC 27) bound where libzmq looks for one, answering from allow lists.

    ``plain`` maps usernames to passwords (None: refuse every PLAIN peer); ``curve`` lists the Z85 public
    keys let in, or is the string ``"any"`` (None: refuse every CURVE peer). NULL peers are let in. Every
    request is recorded so a test can see what libzmq asked.
    """

    def __init__(self, context, config):
        self.plain = config.get("plain")
        self.curve = config.get("curve")
        self.user_id = config.get("user_id")
        self.requests = []
        self.socket = context.socket(zmq.REP)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.bind(ZAP_ENDPOINT)

    def decide(self, mechanism, credentials):
        if mechanism == b"NULL":
            return True, ""
        if mechanism == b"PLAIN":
            if self.plain is None or len(credentials) != 2:
                return False, ""
            username = credentials[0].decode("utf-8", "replace")
            return self.plain.get(username) == credentials[1].decode("utf-8", "replace"), username
        if mechanism == b"CURVE":
            if self.curve is None or len(credentials) != 1:
                return False, ""
            key = zmq.utils.z85.encode(credentials[0]).decode("ascii")
            return self.curve == "any" or key in self.curve, key
        return False, ""

    def serve(self):
        while True:
            try:
                frames = self.socket.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            version, request_id, domain, address, routing_id, mechanism = frames[:6]
            credentials = frames[6:]
            accepted, user = self.decide(mechanism, credentials)
            self.requests.append({
                "version": version.decode("ascii", "replace"),
                "domain": domain.decode("utf-8", "replace"),
                "address": address.decode("utf-8", "replace"),
                "routing_id": encode_bytes(routing_id),
                "mechanism": mechanism.decode("ascii", "replace"),
                "credentials": [encode_bytes(c) for c in credentials],
                "accepted": accepted,
            })
            user_id = (self.user_id if self.user_id is not None else user) if accepted else ""
            self.socket.send_multipart([
                version, request_id, b"200" if accepted else b"400",
                b"OK" if accepted else b"refused", user_id.encode("utf-8"), b"",
            ])

    def close(self):
        # Closing alone unregisters the inproc endpoint later, in libzmq's reaper thread: a handshake
        # starting meanwhile would still send its request here and wait forever. Unbinding is immediate.
        self.socket.unbind(ZAP_ENDPOINT)
        self.socket.close(0)


class Peer:
    def __init__(self, out):
        self.out = out
        self.context = zmq.Context()
        self.entries = {}
        self.next_handle = 1
        self.running = True
        self.zap = None

    # -- answers ---------------------------------------------------------

    def answer(self, request_id, result=None):
        self.write({"id": request_id, "ok": True, "result": result})

    def fail(self, request_id, message, errno=None):
        self.write({"id": request_id, "ok": False, "error": message, "errno": errno})

    def write(self, message):
        self.out.write((json.dumps(message) + "\n").encode("utf-8"))
        self.out.flush()

    # -- dispatch --------------------------------------------------------

    def handle_line(self, line):
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            op = request.get("op")
            if op in BLOCKING_OPS:
                self.park(request, op)
                return
            method = getattr(self, "op_" + str(op), None)
            if method is None:
                raise RequestError("unknown op %r" % (op,), "EINVAL")
            self.answer(request_id, method(request))
        except RequestError as error:
            self.fail(request_id, str(error), error.errno)
        except zmq.ZMQError as error:
            self.fail(request_id, str(error), errno_name(error.errno))
        except Exception as error:  # noqa: BLE001 - any bug must become an answer, not a dead peer
            self.fail(request_id, "%s: %s" % (type(error).__name__, error))

    def entry(self, request):
        entry = self.entries.get(request.get("handle"))
        if entry is None:
            raise RequestError("no socket with handle %r" % (request.get("handle"),), "ENOTSOCK")
        return entry

    # -- immediate requests ----------------------------------------------

    def op_ping(self, request):
        return {"zmq": zmq.zmq_version(), "pyzmq": zmq.__version__}

    def op_socket(self, request):
        socket_type = lookup(zmq.SocketType, request.get("type"), "socket type")
        socket = self.context.socket(socket_type)
        # libzmq defaults to an infinite linger, which would hang context teardown.
        socket.setsockopt(zmq.LINGER, 0)
        handle = self.next_handle
        self.next_handle += 1
        self.entries[handle] = Entry(socket)
        return handle

    def op_setsockopt(self, request):
        option = lookup(zmq.SocketOption, request.get("option"), "socket option")
        self.entry(request).socket.setsockopt(option, decode_value(request.get("value")))

    def op_getsockopt(self, request):
        option = lookup(zmq.SocketOption, request.get("option"), "socket option")
        value = self.entry(request).socket.getsockopt(option)
        if option == zmq.LAST_ENDPOINT:
            return value.decode("utf-8")
        if isinstance(value, bytes):
            return {"b64": encode_bytes(value)}
        return value

    def op_bind(self, request):
        socket = self.entry(request).socket
        socket.bind(request["endpoint"])
        return socket.getsockopt(zmq.LAST_ENDPOINT).decode("utf-8")

    def op_connect(self, request):
        self.entry(request).socket.connect(request["endpoint"])

    def op_unbind(self, request):
        self.entry(request).socket.unbind(request["endpoint"])

    def op_disconnect(self, request):
        self.entry(request).socket.disconnect(request["endpoint"])

    def op_monitor(self, request):
        entry = self.entry(request)
        if entry.monitor is None:
            entry.monitor = entry.socket.get_monitor_socket()

    def op_events(self, request):
        entry = self.entry(request)
        entry.drain_monitor()
        events, entry.events = entry.events, []
        return events

    def op_close(self, request):
        entry = self.entry(request)
        del self.entries[request["handle"]]
        self.close_entry(entry, request.get("linger", 0), "ENOTSOCK")

    def op_curve_keypair(self, request):
        public, secret = zmq.curve_keypair()
        return {"publicKey": public.decode("ascii"), "secretKey": secret.decode("ascii")}

    def op_zap_start(self, request):
        if self.zap is not None:
            raise RequestError("a ZAP handler is already running", "EADDRINUSE")
        self.zap = ZapHandler(self.context, request.get("config") or {})

    def op_zap_requests(self, request):
        if self.zap is None:
            return []
        self.zap.serve()
        return self.zap.requests

    def op_zap_stop(self, request):
        if self.zap is not None:
            self.zap.close()
            self.zap = None

    def op_exit(self, request):
        self.running = False

    def close_entry(self, entry, linger, errno):
        for parked in list(entry.sends) + list(entry.recvs) + entry.waits:
            self.fail(parked.request.get("id"), "socket closed", errno)
        entry.sends.clear()
        entry.recvs.clear()
        entry.waits = []
        if entry.monitor is not None:
            entry.socket.disable_monitor()
            entry.monitor.close(0)
            entry.monitor = None
        entry.socket.close(linger)

    # -- blocking requests -----------------------------------------------

    def park(self, request, op):
        entry = self.entry(request)
        if op == "wait_event" and entry.monitor is None:
            raise RequestError("monitor() was not called for this socket", "EINVAL")
        timeout_ms = request.get("timeout_ms", 5000)
        if timeout_ms is None or timeout_ms < 0:
            deadline = float("inf")
        else:
            deadline = time.monotonic() + timeout_ms / 1000.0
        parked = Parked(request, deadline, getattr(self, "try_" + op))
        if op == "wait_event":
            entry.waits.append(parked)
        else:
            (entry.sends if op == "send" else entry.recvs).append(parked)
        self.progress(entry)

    def try_send(self, entry, request):
        frames = [base64.b64decode(frame) for frame in request.get("frames", [])]
        if not frames:
            raise RequestError("send needs at least one frame", "EINVAL")
        try:
            entry.socket.send_multipart(frames, zmq.NOBLOCK)
        except zmq.Again:
            return False, None
        return True, None

    def try_recv(self, entry, request):
        try:
            frames = entry.socket.recv_multipart(zmq.NOBLOCK)
        except zmq.Again:
            return False, None
        return True, [encode_bytes(frame) for frame in frames]

    def try_wait_event(self, entry, request):
        for index, event in enumerate(entry.events):
            if event["event"] == request.get("event"):
                del entry.events[index]
                return True, event
        return False, None

    def progress(self, entry):
        """Answer every parked request of ``entry`` that can finish now or has expired."""
        entry.drain_monitor()
        now = time.monotonic()
        for queue in (entry.sends, entry.recvs):
            while queue and self.settle(entry, queue[0], now):
                queue.popleft()
            # Requests behind a blocked head still expire on time.
            for parked in [p for p in list(queue)[1:] if p.deadline <= now]:
                queue.remove(parked)
                self.fail(parked.request.get("id"), "timed out", "EAGAIN")
        entry.waits = [p for p in entry.waits if not self.settle(entry, p, now)]

    def settle(self, entry, parked, now):
        request_id = parked.request.get("id")
        try:
            done, result = parked.attempt(entry, parked.request)
        except RequestError as error:
            self.fail(request_id, str(error), error.errno)
            return True
        except zmq.ZMQError as error:
            self.fail(request_id, str(error), errno_name(error.errno))
            return True
        if done:
            self.answer(request_id, result)
            return True
        if parked.deadline <= now:
            self.fail(request_id, "timed out", "EAGAIN")
            return True
        return False

    # -- main loop -------------------------------------------------------

    def poll_timeout_ms(self):
        deadline = float("inf")
        for entry in self.entries.values():
            for parked in list(entry.sends) + list(entry.recvs) + entry.waits:
                deadline = min(deadline, parked.deadline)
            if entry.sends:
                deadline = min(deadline, time.monotonic() + SEND_RETRY_S)
        if deadline == float("inf"):
            return None
        return max(0, int((deadline - time.monotonic()) * 1000) + 1)

    def run(self, stdin_fd):
        buffer = b""
        while self.running:
            poller = zmq.Poller()
            poller.register(stdin_fd, zmq.POLLIN)
            if self.zap is not None:
                poller.register(self.zap.socket, zmq.POLLIN)
            for entry in self.entries.values():
                if entry.recvs:
                    poller.register(entry.socket, zmq.POLLIN)
                if entry.monitor is not None:
                    poller.register(entry.monitor, zmq.POLLIN)
            ready = dict(poller.poll(self.poll_timeout_ms()))
            if ready.get(stdin_fd):
                chunk = os.read(stdin_fd, 65536)
                if not chunk:
                    # The driver is gone; nothing may outlive it.
                    break
                buffer += chunk
                while b"\n" in buffer and self.running:
                    line, buffer = buffer.split(b"\n", 1)
                    if line.strip():
                        self.handle_line(line)
            if self.zap is not None:
                self.zap.serve()
            for entry in list(self.entries.values()):
                self.progress(entry)

    def shutdown(self):
        for entry in self.entries.values():
            self.close_entry(entry, 0, "ETERM")
        self.entries = {}
        if self.zap is not None:
            self.zap.close()
            self.zap = None
        self.context.term()


BLOCKING_OPS = {"send", "recv", "wait_event"}


def main():
    peer = Peer(sys.stdout.buffer)
    try:
        peer.run(sys.stdin.fileno())
    except (KeyboardInterrupt, BrokenPipeError):
        return 1
    finally:
        try:
            peer.shutdown()
        except BrokenPipeError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
