"""Titanic (RFC 9) written against libzmq (pyzmq), over MDP/0.2 (RFC 18), for interop tests.

Test-only. Usage:
  titanic_peer.py server <broker-endpoint> <dir>       Titanic: registers titanic.request, titanic.reply and
                                                       titanic.close with the broker, keeps each request and
                                                       reply as a file in <dir> (written and fsynced before
                                                       it answers 200), hands stored requests to their
                                                       service one at a time; prints 'READY'
  titanic_peer.py client <broker-endpoint> <service> <n>  submits n requests 'titanic-i', then fetches each
                                                       reply (asking again while 300), checks it, closes it
                                                       and checks the id is then unknown (400); prints
                                                       'OK n', or 'FAIL ...'
Every mode exits when its standard input closes, so a test that dies leaves nothing running.
"""
import os
import sys
import time
import uuid

import zmq

from mdp_peer import HEARTBEAT, LIVENESS, W02, exit_when_stdin_closes

SERVICES = [b'titanic.request', b'titanic.reply', b'titanic.close']


def write_frames(path, frames):
    """Stores frames as length-prefixed records, durably: written, fsynced, then renamed into place."""
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        for frame in frames:
            f.write(len(frame).to_bytes(4, 'big') + frame)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, path)


def read_frames(path):
    with open(path, 'rb') as f:
        data = f.read()
    frames, at = [], 0
    while at < len(data):
        size = int.from_bytes(data[at:at + 4], 'big')
        frames.append(data[at + 4:at + 4 + size])
        at += 4 + size
    return frames


class MdpWorker:
    """One MDP/0.2 worker socket for a service; registers again when the broker goes silent or says so."""

    def __init__(self, ctx, endpoint, service):
        self.ctx, self.endpoint, self.service = ctx, endpoint, service
        self.sock = None
        self.connect()

    def connect(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.linger = 0
        self.sock.connect(self.endpoint)
        self.sock.send_multipart([b'MDPW02', W02['ready'], self.service])
        self.expiry = time.time() + HEARTBEAT * LIVENESS

    def receive(self):
        """Returns (client, body) for a request, or None for a command handled here."""
        frames = self.sock.recv_multipart()
        self.expiry = time.time() + HEARTBEAT * LIVENESS
        command = frames[1]
        if command == W02['request']:
            return frames[2], frames[4:]
        if command == W02['disconnect']:
            self.connect()
        return None

    def reply(self, client, body):
        self.sock.send_multipart([b'MDPW02', W02['final'], client, b''] + body)

    def tick(self):
        if time.time() > self.expiry:
            self.connect()
        else:
            self.sock.send_multipart([b'MDPW02', W02['heartbeat']])


def server(endpoint, directory):
    ctx = zmq.Context()
    workers = {service: MdpWorker(ctx, endpoint, service) for service in SERVICES}
    dispatcher = ctx.socket(zmq.DEALER)
    dispatcher.linger = 0
    dispatcher.connect(endpoint)
    req = lambda rid: os.path.join(directory, rid + '.req')
    rep = lambda rid: os.path.join(directory, rid + '.rep')
    # Requests stored earlier without a reply are tried again (at least once, across restarts).
    pending = sorted(name[:-4] for name in os.listdir(directory)
                     if name.endswith('.req') and not os.path.exists(rep(name[:-4])))
    in_flight = None  # (id, sent at)

    def answer(service, body):
        if service == b'titanic.request':
            rid = uuid.uuid4().hex
            write_frames(req(rid), body)
            pending.append(rid)
            return [b'200', rid.encode()]
        rid = body[0].decode() if body else ''
        if service == b'titanic.reply':
            if os.path.exists(rep(rid)):
                return [b'200'] + read_frames(rep(rid))
            return [b'300'] if os.path.exists(req(rid)) else [b'400']
        for path in (req(rid), rep(rid)):
            if os.path.exists(path):
                os.remove(path)
        if rid in pending:
            pending.remove(rid)
        return [b'200']

    print('READY', flush=True)
    next_beat = time.time() + HEARTBEAT
    while True:
        if in_flight is None and pending:
            rid = pending[0]
            if os.path.exists(req(rid)):
                service, *body = read_frames(req(rid))
                dispatcher.send_multipart([b'MDPC02', b'\x01', service] + body)
                in_flight = (rid, time.time())
            else:
                pending.pop(0)
        # A fresh poller each turn: a worker that registered again has a new socket.
        poller = zmq.Poller()
        poller.register(dispatcher, zmq.POLLIN)
        for w in workers.values():
            poller.register(w.sock, zmq.POLLIN)
        ready = dict(poller.poll(int(HEARTBEAT * 1000)))
        for w in workers.values():
            if w.sock in ready:
                request = w.receive()
                if request is not None:
                    client, body = request
                    w.reply(client, answer(w.service, body))
        if dispatcher in ready:
            frames = dispatcher.recv_multipart()
            if frames[1] == b'\x03' and in_flight is not None:  # FINAL; partials are not stored
                write_frames(rep(in_flight[0]), frames[3:])
                pending.remove(in_flight[0])
                in_flight = None
        if in_flight is not None and time.time() - in_flight[1] > 5:
            in_flight = None  # no reply: try again (a late reply may then be stored twice, harmlessly)
        if time.time() >= next_beat:
            for w in workers.values():
                w.tick()
            next_beat = time.time() + HEARTBEAT


def client(endpoint, service, count):
    ctx = zmq.Context()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(endpoint)

    def call(svc, body):
        sock.send_multipart([b'MDPC02', b'\x01', svc] + body)
        while True:
            if not sock.poll(10000):
                print('FAIL timeout on', svc.decode(), flush=True)
                sys.exit(1)
            frames = sock.recv_multipart()
            if frames[1] == b'\x03':
                return frames[3:]

    ids = []
    for i in range(count):
        status, *rest = call(b'titanic.request', [service.encode(), ('titanic-%d' % i).encode()])
        if status != b'200' or len(rest) != 1:
            print('FAIL titanic.request answered', status, rest, flush=True)
            return
        ids.append(rest[0])
    for i, rid in enumerate(ids):
        while True:
            status, *reply = call(b'titanic.reply', [rid])
            if status != b'300':
                break
            time.sleep(0.02)
        if status != b'200' or reply != [('titanic-%d' % i).encode()]:
            print('FAIL reply', i, status, reply, flush=True)
            return
        if call(b'titanic.close', [rid]) != [b'200']:
            print('FAIL close', i, flush=True)
            return
        status = call(b'titanic.reply', [rid])[0]
        if not status.startswith(b'400'):
            print('FAIL closed id answered', status, flush=True)
            return
    print('OK', count, flush=True)


if __name__ == '__main__':
    exit_when_stdin_closes()
    mode = sys.argv[1]
    if mode == 'server':
        server(sys.argv[2], sys.argv[3])
    elif mode == 'client':
        client(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    sys.stdin.read()
