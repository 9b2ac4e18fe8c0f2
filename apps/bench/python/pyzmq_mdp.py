"""The libzmq side of the majordomo bench: an MDP/0.2 broker on pyzmq.

The broker is the one the @zmtp/majordomo interop tests run against (packages/majordomo/test/python),
so the bench compares our broker with that same RFC 18 broker on libzmq.
"""
import os
import sys

from bench_io import emit, exit_when_stopped, settings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', '..', 'packages', 'majordomo', 'test', 'python'))
import mdp_peer  # noqa: E402

if __name__ == '__main__':
    s = settings()
    exit_when_stopped()
    mdp_peer.broker(s['bind'], announce=lambda endpoint: emit({'type': 'ready', 'endpoint': endpoint}))
