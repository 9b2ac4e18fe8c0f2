"""Request/Reply round trips with libzmq through pyzmq, in the manner of libzmq's local_lat/remote_lat.

role rep: bind, echo every request.
role req-lat: connect, make `count` round trips after `warmup` untimed ones, timing each.
"""
import threading
import time

import zmq

from bench_io import emit, exit_when_stopped, payload, settings


def rep(s, context):
    sock = context.socket(zmq.REP)
    sock.bind(s["bind"])
    emit({"type": "ready", "endpoint": sock.getsockopt_string(zmq.LAST_ENDPOINT)})
    recv, send = sock.recv, sock.send
    while True:
        send(recv())


def req(s, context):
    sock = context.socket(zmq.REQ)
    sock.connect(s["connect"])
    message = payload(s["size"])
    recv, send = sock.recv, sock.send
    for _ in range(s.get("warmup", 0)):
        send(message)
        recv()
    count = s["count"]
    samples = [0] * count
    clock = time.perf_counter_ns
    start = clock()
    for i in range(count):
        sent = clock()
        send(message)
        recv()
        samples[i] = clock() - sent
    elapsed = clock() - start
    samples.sort()
    emit({
        "type": "result",
        "roundTrips": count,
        "elapsedNs": elapsed,
        "p50Ns": samples[count // 2],
        "p99Ns": samples[min(count - 1, count * 99 // 100)],
    })
    threading.Event().wait()


def main():
    s = settings()
    context = zmq.Context()
    exit_when_stopped()
    if s["role"] == "rep":
        rep(s, context)
    elif s["role"] == "req-lat":
        req(s, context)
    else:
        raise SystemExit("pyzmq_lat has no role " + s["role"])


if __name__ == "__main__":
    main()
