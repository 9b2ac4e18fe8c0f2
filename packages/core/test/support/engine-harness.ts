/**
 * Test-only drivers for an {@link Engine} with no transport: a recorder of everything it reports, and
 * two engines wired back to back as over a perfect connection.
 */
import {
  concatBytes,
  Engine,
  type EngineHandler,
  type EngineOptions,
  type PeerInfo,
  type ZmtpError,
} from '../../src/index.js'

/** Records everything an engine does; `out()` is all bytes written so far, `take()` the chunks. */
export function recorder() {
  const written: Uint8Array[] = []
  const messages: Uint8Array[][] = []
  const subscriptions: [boolean, string][] = []
  const errors: ZmtpError[] = []
  let peer: PeerInfo | null = null
  const handler: EngineHandler = {
    write: (chunks) => {
      written.push(...chunks.map((c) => c.slice()))
    },
    handshake: (p) => {
      peer = p
    },
    message: (frames) => messages.push(frames.map((f) => f.slice())),
    subscription: (subscribe, topic) => subscriptions.push([subscribe, new TextDecoder().decode(topic)]),
    error: (error) => errors.push(error),
  }
  return {
    handler,
    messages,
    subscriptions,
    errors,
    peer: () => peer,
    /** The chunks written so far, each one ZWS message under message framing. */
    take: () => written.splice(0),
    out: () => concatBytes(written.splice(0)),
  }
}

/** An engine with a recorder and no handshake deadline. */
export function engine(options: Partial<EngineOptions> = {}) {
  const rec = recorder()
  const e = new Engine({ socketType: 'DEALER', handshakeInterval: 0, ...options }, rec.handler)
  return { e, ...rec }
}

export type RecordedEngine = ReturnType<typeof engine>

/**
 * Two engines wired back to back, as over a perfect connection. `pump` carries what each wrote to the
 * other until both are quiet: a byte stream as one chunk, ZWS messages one by one.
 */
export function pair(a: Partial<EngineOptions>, b: Partial<EngineOptions>) {
  const left = engine(a)
  const right = engine(b)
  const pump = () => {
    for (let i = 0; i < 10; i++) {
      left.e.flush()
      right.e.flush()
      const l = left.take()
      const r = right.take()
      if (l.length === 0 && r.length === 0) return
      if (l.length) deliver(right.e, l, a.framing)
      if (r.length) deliver(left.e, r, b.framing)
    }
  }
  left.e.start()
  right.e.start()
  pump()
  return { left, right, pump }
}

/** Hands written chunks to the engine at the other end, as its transport would. */
export function deliver(to: Engine, chunks: Uint8Array[], framing: EngineOptions['framing']): void {
  if ((framing ?? 'stream') === 'stream') to.receive(concatBytes(chunks))
  else for (const chunk of chunks) to.receive(chunk)
}
