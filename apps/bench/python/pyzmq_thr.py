"""Push to Pull throughput with libzmq through pyzmq, in the manner of libzmq's local_thr/remote_thr.

role pull-thr: bind, receive `count` messages, time from the first to the last.
role push-thr: connect, send `count` messages in a tight loop.
"""
import threading
import time

import zmq

from bench_io import emit, exit_when_stopped, payload, settings

# pyzmq copies anything under this size anyway (zmq.COPY_THRESHOLD); receiving small messages as
# bytes is faster than as zero-copy Frames, large ones the other way round.
ZERO_COPY_FROM = 65536


def pull(s, context):
    sock = context.socket(zmq.PULL)
    sock.bind(s["bind"])
    emit({"type": "ready", "endpoint": sock.getsockopt_string(zmq.LAST_ENDPOINT)})
    count = s["count"]
    copy = s["size"] < ZERO_COPY_FROM
    recv = sock.recv
    # The warm window starts after `warmup` messages past the first, as in the Node roles; libzmq has no
    # JIT to warm, so no cold window is reported for it.
    warmup = s.get("warmup", 0)
    for _ in range(1 + warmup):
        recv(copy=copy)
    start = time.perf_counter_ns()
    timed = count - 1 - warmup
    for _ in range(timed):
        recv(copy=copy)
    elapsed = time.perf_counter_ns() - start
    for _ in range(s.get("tail", 0)):
        recv(copy=copy)
    emit({"type": "result", "messages": timed, "bytes": timed * s["size"], "elapsedNs": elapsed})


def push(s, context):
    sock = context.socket(zmq.PUSH)
    sock.connect(s["connect"])
    message = payload(s["size"])
    send = sock.send
    for _ in range(s["count"]):
        send(message, copy=False)


def main():
    s = settings()
    context = zmq.Context()
    exit_when_stopped()
    if s["role"] == "pull-thr":
        pull(s, context)
    elif s["role"] == "push-thr":
        push(s, context)
    else:
        raise SystemExit("pyzmq_thr has no role " + s["role"])
    # The stop thread exits the process; until then the sockets stay open so nothing is cut short.
    threading.Event().wait()


if __name__ == "__main__":
    main()
