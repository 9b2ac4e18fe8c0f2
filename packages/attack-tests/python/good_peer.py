"""A well-behaved libzmq DEALER that keeps doing round trips with an echo ROUTER during an attack.

Usage: good_peer.py ENDPOINT BOUND_MS
Prints JSON lines: {"type": "ready"} after its first round trip, then on the line "stop" from stdin it
does a few last round trips and prints {"type": "summary", ...} and exits. A round trip that gets no
reply within BOUND_MS counts as a timeout (the request is abandoned; a late reply is discarded).
"""
import json
import select
import sys
import time

import zmq

FINAL_ROUND_TRIPS = 3
PAUSE_S = 0.005


def main():
    endpoint, bound_ms = sys.argv[1], int(sys.argv[2])
    context = zmq.Context()
    dealer = context.socket(zmq.DEALER)
    dealer.setsockopt(zmq.LINGER, 0)
    dealer.connect(endpoint)
    poller = zmq.Poller()
    poller.register(dealer, zmq.POLLIN)
    stats = {"count": 0, "timeouts": 0, "max_ms": 0.0, "first_ms": None}
    seq = 0

    def round_trip():
        nonlocal seq
        seq += 1
        tag = seq.to_bytes(8, "big")
        started = time.monotonic()
        dealer.send_multipart([b"good", tag])
        deadline = started + bound_ms / 1000
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not poller.poll(left * 1000):
                stats["timeouts"] += 1
                return False
            frames = dealer.recv_multipart()
            if len(frames) == 2 and frames[1] == tag:
                elapsed = (time.monotonic() - started) * 1000
                stats["count"] += 1
                stats["max_ms"] = max(stats["max_ms"], elapsed)
                return True

    # The first round trip includes connecting; it gets the same bound.
    ok = round_trip()
    stats["first_ms"] = stats["max_ms"]
    stats["max_ms"] = 0.0
    print(json.dumps({"type": "ready", "ok": ok}), flush=True)
    while True:
        readable, _, _ = select.select([sys.stdin], [], [], 0)
        if readable:
            sys.stdin.readline()
            break
        round_trip()
        time.sleep(PAUSE_S)
    final_ok = 0
    for _ in range(FINAL_ROUND_TRIPS):
        if round_trip():
            final_ok += 1
    stats["final_ok"] = final_ok
    print(json.dumps({"type": "summary", **stats}), flush=True)
    dealer.close(0)
    context.term()


if __name__ == "__main__":
    main()
