"""The worker side of the bench runner's line protocol, for the pyzmq workers.

Settings arrive as one JSON argument; reports go to stdout as JSON lines; the runner closes stdin to
make the worker stop, which a daemon thread turns into an exit so the timed loops never poll for it.
"""
import json
import os
import sys
import threading


def settings():
    return json.loads(sys.argv[1])


def emit(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def exit_when_stopped(cleanup=None):
    def wait():
        sys.stdin.read()
        if cleanup is not None:
            cleanup()
        os._exit(0)

    threading.Thread(target=wait, daemon=True).start()


def payload(size):
    return bytes(i & 0xFF for i in range(size))
