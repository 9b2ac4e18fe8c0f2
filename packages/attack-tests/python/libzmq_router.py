"""A libzmq ROUTER echo server bound on tcp and ws, the comparison for the attack suite.

Usage: libzmq_router.py OPTIONS_JSON
OPTIONS_JSON may set "maxMessageSize". Prints {"type": "ready", "tcp": ..., "ws": ...} once bound, then
echoes every message back to its sender until stdin closes.
"""
import json
import sys

import zmq


def main():
    options = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    context = zmq.Context()
    router = context.socket(zmq.ROUTER)
    router.setsockopt(zmq.LINGER, 0)
    if options.get("maxMessageSize") is not None:
        router.setsockopt(zmq.MAXMSGSIZE, int(options["maxMessageSize"]))
    router.bind("tcp://127.0.0.1:0")
    tcp = router.getsockopt(zmq.LAST_ENDPOINT).decode()
    router.bind("ws://127.0.0.1:0/zmq")
    ws = router.getsockopt(zmq.LAST_ENDPOINT).decode()
    print(json.dumps({"type": "ready", "tcp": tcp, "ws": ws}), flush=True)
    poller = zmq.Poller()
    poller.register(router, zmq.POLLIN)
    poller.register(sys.stdin, zmq.POLLIN)
    while True:
        events = dict(poller.poll())
        if sys.stdin.fileno() in events or sys.stdin in events:
            if not sys.stdin.readline():
                break
        while router.getsockopt(zmq.EVENTS) & zmq.POLLIN:
            frames = router.recv_multipart(zmq.NOBLOCK)
            try:
                router.send_multipart(frames, zmq.NOBLOCK)
            except zmq.Again:
                pass
    router.close(0)
    context.term()


if __name__ == "__main__":
    main()
