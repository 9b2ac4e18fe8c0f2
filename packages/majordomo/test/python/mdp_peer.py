"""MDP peers written against libzmq (pyzmq), following RFC 7 (MDP/0.1) and RFC 18 (MDP/0.2).

Test-only. Usage:
  mdp_peer.py broker <bind-endpoint>               0.2 broker (workers and clients), prints 'READY <endpoint>'
  mdp_peer.py worker <endpoint> <service> <ver>    echo worker; with 0.2 it sends one PARTIAL 'part' first
  mdp_peer.py client <endpoint> <service> <ver> <n>  sends n requests 'req-i', prints 'OK n' when all match
Every mode exits when its standard input closes, so a test that dies leaves nothing running.
"""
import sys
import threading
import time
import os

import zmq

HEARTBEAT = 0.25  # seconds; tests pass the same interval to the TypeScript side
LIVENESS = 3

W01 = {'ready': b'\x01', 'request': b'\x02', 'reply': b'\x03', 'heartbeat': b'\x04', 'disconnect': b'\x05'}
W02 = {'ready': b'\x01', 'request': b'\x02', 'partial': b'\x03', 'final': b'\x04', 'heartbeat': b'\x05',
       'disconnect': b'\x06'}


def exit_when_stdin_closes():
    def watch():
        sys.stdin.read()
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def broker(endpoint, announce=None):
    """Runs the broker for ever; `announce` is told the bound endpoint (default: print 'READY <endpoint>')."""
    ctx = zmq.Context()
    sock = ctx.socket(zmq.ROUTER)
    sock.linger = 0
    sock.bind(endpoint)
    bound = sock.getsockopt_string(zmq.LAST_ENDPOINT)
    if announce is None:
        print('READY', bound, flush=True)
    else:
        announce(bound)
    workers = {}     # id -> {'service', 'expiry'}
    idle = {}        # service -> [ids]
    queues = {}      # service -> [(client, body)]
    busy = {}        # worker id -> client id
    next_beat = time.time() + HEARTBEAT

    def dispatch(service):
        while idle.get(service) and queues.get(service):
            worker = idle[service].pop(0)
            client, body = queues[service].pop(0)
            busy[worker] = client
            sock.send_multipart([worker, b'MDPW02', W02['request'], client, b''] + body)

    def drop(worker):
        info = workers.pop(worker, None)
        if info and worker in idle.get(info['service'], []):
            idle[info['service']].remove(worker)
        busy.pop(worker, None)

    while True:
        if sock.poll(int(HEARTBEAT * 1000)):
            frames = sock.recv_multipart()
            sender, header = frames[0], frames[1]
            if header == b'MDPC02' and frames[2] == b'\x01':
                service = frames[3]
                if service == b'mmi.service':
                    found = any(w['service'] == frames[4] for w in workers.values())
                    sock.send_multipart([sender, b'MDPC02', b'\x03', service, b'200' if found else b'404'])
                    continue
                queues.setdefault(service, []).append((sender, frames[4:]))
                dispatch(service)
            elif header == b'MDPW02':
                command = frames[2]
                if sender not in workers:
                    if command == W02['ready']:
                        workers[sender] = {'service': frames[3], 'expiry': time.time() + HEARTBEAT * LIVENESS}
                        idle.setdefault(frames[3], []).append(sender)
                        dispatch(frames[3])
                    elif command != W02['disconnect']:
                        sock.send_multipart([sender, b'MDPW02', W02['disconnect']])
                    continue
                info = workers[sender]
                info['expiry'] = time.time() + HEARTBEAT * LIVENESS
                if command in (W02['partial'], W02['final']):
                    client = frames[3]
                    final = command == W02['final']
                    sock.send_multipart([client, b'MDPC02', b'\x03' if final else b'\x02', info['service']]
                                        + frames[5:])
                    if final:
                        busy.pop(sender, None)
                        idle.setdefault(info['service'], []).append(sender)
                        dispatch(info['service'])
                elif command == W02['disconnect']:
                    drop(sender)
                elif command != W02['heartbeat']:
                    sock.send_multipart([sender, b'MDPW02', W02['disconnect']])
                    drop(sender)
        if time.time() >= next_beat:
            for worker, info in list(workers.items()):
                if info['expiry'] < time.time():
                    drop(worker)
                else:
                    sock.send_multipart([worker, b'MDPW02', W02['heartbeat']])
            next_beat = time.time() + HEARTBEAT


def worker(endpoint, service, version):
    ctx = zmq.Context()
    v01 = version == '0.1'
    head = [b'', b'MDPW01'] if v01 else [b'MDPW02']
    codes = W01 if v01 else W02

    def connect():
        sock = ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.connect(endpoint)
        sock.send_multipart(head + [codes['ready'], service.encode()])
        return sock

    sock = connect()
    print('READY', flush=True)
    expiry = time.time() + HEARTBEAT * LIVENESS
    next_beat = time.time() + HEARTBEAT
    while True:
        if sock.poll(int(HEARTBEAT * 1000)):
            frames = sock.recv_multipart()[len(head):]
            expiry = time.time() + HEARTBEAT * LIVENESS
            command = frames[0]
            if command == codes['request']:
                client, body = frames[1], frames[3:]
                if not v01:
                    sock.send_multipart(head + [codes['partial'], client, b'', b'part'])
                sock.send_multipart(head + [codes['reply' if v01 else 'final'], client, b''] + body)
            elif command == codes['disconnect']:
                sock.close()
                sock = connect()
        elif time.time() > expiry:
            sock.close()
            sock = connect()
            expiry = time.time() + HEARTBEAT * LIVENESS
        if time.time() >= next_beat:
            sock.send_multipart(head + [codes['heartbeat']])
            next_beat = time.time() + HEARTBEAT


def client(endpoint, service, version, count):
    ctx = zmq.Context()
    v01 = version == '0.1'
    sock = ctx.socket(zmq.REQ if v01 else zmq.DEALER)
    sock.linger = 0
    sock.connect(endpoint)
    partials = 0
    for i in range(count):
        body = ('req-%d' % i).encode()
        if v01:
            sock.send_multipart([b'MDPC01', service.encode(), body])
        else:
            sock.send_multipart([b'MDPC02', b'\x01', service.encode(), body])
        while True:
            if not sock.poll(10000):
                print('TIMEOUT', i, flush=True)
                return
            frames = sock.recv_multipart()
            if v01:
                ok = frames[:2] == [b'MDPC01', service.encode()] and frames[2:] == [body]
                final = True
            else:
                final = frames[1] == b'\x03'
                if not final:
                    partials += 1
                    continue
                ok = frames[0] == b'MDPC02' and frames[2] == service.encode() and frames[3:] == [body]
            if not ok:
                print('MISMATCH', i, frames, flush=True)
                return
            break
    print('OK', count, partials, flush=True)


if __name__ == '__main__':
    exit_when_stdin_closes()
    mode = sys.argv[1]
    if mode == 'broker':
        broker(sys.argv[2])
    elif mode == 'worker':
        worker(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == 'client':
        client(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    sys.stdin.read()
