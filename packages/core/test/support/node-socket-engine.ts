/**
 * Test-only glue between a Node TCP socket and an {@link Engine}, for the libzmq interop tests. It keeps
 * the engine honest: bytes go to `receive` exactly as the kernel hands them over, and what the engine
 * writes goes to the socket unchanged. It records what the tests assert on and lets them wait for it.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'
import {
  decodeCommand,
  Engine,
  type EngineOptions,
  FrameDecoder,
  FrameFlags,
  type PeerInfo,
  utf8Decode,
  type ZmtpError,
} from '../../src/index.js'

/** A command seen on the wire. */
export interface WireCommand {
  name: string
  data: Uint8Array
}

export interface WaitOptions {
  /** Milliseconds before the wait rejects (default 5000). */
  timeout?: number
  /** What is awaited, for the rejection message. */
  what?: string
}

const DEFAULT_WAIT = 5000
const GREETING_SIZE = 64

/**
 * Condition waiters woken whenever something changes: waits react to events instead of sleeping, and a
 * timeout only bounds how long a test may hang.
 */
class Waiters {
  readonly #pending = new Set<() => void>()

  changed(): void {
    for (const check of [...this.#pending]) check()
  }

  waitFor<T>(probe: () => T | undefined | null | false, options: WaitOptions = {}): Promise<T> {
    const { timeout = DEFAULT_WAIT, what = 'condition' } = options
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        let value: T | undefined | null | false
        try {
          value = probe()
        } catch (error) {
          done()
          reject(error)
          return
        }
        if (value === undefined || value === null || value === false) return
        done()
        resolve(value)
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error(`timed out after ${timeout} ms waiting for ${what}`))
      }, timeout)
      const done = () => {
        clearTimeout(timer)
        this.#pending.delete(check)
      }
      this.#pending.add(check)
      check()
    })
  }
}

/**
 * Decodes the commands in one direction of a connection from a copy of its bytes. The engine swallows
 * PING/PONG, so this is the only way to see that libzmq answered (or sent) them.
 */
class CommandTap {
  readonly commands: WireCommand[] = []
  #skip = GREETING_SIZE
  readonly #decoder = new FrameDecoder((flags, body) => {
    if (flags & FrameFlags.Command) {
      const command = decodeCommand(body)
      this.commands.push({ name: command.name, data: command.data.slice() })
    }
  })

  push(chunk: Uint8Array): void {
    // Both sides of a NULL connection start with a fixed 64-octet ZMTP 3 greeting, then frames.
    if (this.#skip > 0) {
      const skipped = Math.min(this.#skip, chunk.length)
      this.#skip -= skipped
      chunk = chunk.subarray(skipped)
    }
    if (chunk.length > 0) this.#decoder.push(chunk)
  }
}

/** One TCP connection driven by an engine, with everything it saw recorded. */
export class EngineConnection {
  readonly engine: Engine
  readonly socket: Socket
  peer: PeerInfo | null = null
  readonly messages: Uint8Array[][] = []
  readonly subscriptions: [boolean, string][] = []
  readonly errors: ZmtpError[] = []
  /** Node socket errors (resets); kept apart from engine errors, which are protocol verdicts. */
  readonly socketErrors: Error[] = []
  /** Commands received from the peer, READY included. */
  readonly received = new CommandTap()
  /** Commands we sent, READY included. */
  readonly sent = new CommandTap()
  closed = false
  readonly #waiters = new Waiters()

  constructor(socket: Socket, options: EngineOptions) {
    this.socket = socket
    this.engine = new Engine(options, {
      write: (chunks) => {
        if (socket.destroyed) return
        socket.cork()
        for (const chunk of chunks) {
          this.sent.push(chunk)
          socket.write(chunk)
        }
        socket.uncork()
        this.#waiters.changed()
      },
      handshake: (peer) => {
        this.peer = peer
        this.#waiters.changed()
      },
      message: (frames) => {
        // Frames may be views into received Buffers: copy into plain Uint8Arrays so they compare equal
        // to what the libzmq driver returns.
        this.messages.push(frames.map((frame) => new Uint8Array(frame)))
        this.#waiters.changed()
      },
      subscription: (subscribe, topic) => {
        this.subscriptions.push([subscribe, utf8Decode(topic)])
        this.#waiters.changed()
      },
      error: (error) => {
        this.errors.push(error)
        socket.destroy()
        this.#waiters.changed()
      },
    })
    socket.on('data', (chunk: Buffer) => {
      // Tap first so a command that makes the engine fail is still recorded.
      this.received.push(chunk)
      this.engine.receive(chunk)
      this.#waiters.changed()
    })
    socket.on('error', (error) => {
      this.socketErrors.push(error)
      this.#waiters.changed()
    })
    socket.on('close', () => {
      this.closed = true
      this.engine.close()
      this.#waiters.changed()
    })
  }

  /** Waits until `probe` returns something other than undefined/null/false, and resolves with it. */
  waitFor<T>(probe: () => T | undefined | null | false, options?: WaitOptions): Promise<T> {
    return this.#waiters.waitFor(probe, options)
  }

  /** Resolves with the peer once the handshake is done; rejects at once if the engine failed instead. */
  handshake(options?: WaitOptions): Promise<PeerInfo> {
    return this.waitFor(
      () => {
        if (this.errors.length > 0) throw this.errors[0]
        return this.peer
      },
      { what: 'the handshake', ...options },
    )
  }

  waitForMessages(count: number, options?: WaitOptions): Promise<Uint8Array[][]> {
    return this.waitFor(() => this.messages.length >= count && this.messages, {
      what: `${count} message(s)`,
      ...options,
    })
  }

  waitForError(options?: WaitOptions): Promise<ZmtpError> {
    return this.waitFor(() => this.errors[0], { what: 'an engine error', ...options })
  }

  waitForClose(options?: WaitOptions): Promise<true> {
    return this.waitFor(() => this.closed, { what: 'the socket to close', ...options })
  }

  /** Commands of `name` received from (`'received'`) or sent to (`'sent'`) the peer. */
  commands(name: string, direction: 'received' | 'sent' = 'received'): WireCommand[] {
    return this[direction].commands.filter((command) => command.name === name)
  }

  waitForCommands(
    name: string,
    count: number,
    direction: 'received' | 'sent' = 'received',
    options?: WaitOptions,
  ): Promise<WireCommand[]> {
    return this.waitFor(
      () => {
        const found = this.commands(name, direction)
        return found.length >= count && found
      },
      { what: `${count} ${name} command(s) ${direction}`, ...options },
    )
  }

  /** Stops the engine and the socket, and resolves once the socket has closed. */
  async close(): Promise<void> {
    this.engine.close()
    if (this.closed) return
    this.socket.destroy()
    await this.waitForClose()
  }
}

/** Dials `127.0.0.1:port` and starts the engine once TCP is connected. */
export function dialEngine(port: number, options: EngineOptions): EngineConnection {
  const socket = connect({ host: '127.0.0.1', port })
  const connection = new EngineConnection(socket, options)
  socket.once('connect', () => connection.engine.start())
  return connection
}

/** A listening `net.Server` on 127.0.0.1 that runs an engine on every accepted connection. */
export class EngineListener {
  readonly connections: EngineConnection[] = []
  readonly #server: Server
  readonly #waiters = new Waiters()

  private constructor(server: Server, options: EngineOptions) {
    this.#server = server
    server.on('connection', (socket) => {
      const connection = new EngineConnection(socket, options)
      this.connections.push(connection)
      connection.engine.start()
      this.#waiters.changed()
    })
  }

  static async listen(options: EngineOptions): Promise<EngineListener> {
    const server = createServer()
    const listener = new EngineListener(server, options)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    return listener
  }

  get port(): number {
    const address = this.#server.address()
    if (address === null || typeof address === 'string') throw new Error('listener is not listening on TCP')
    return address.port
  }

  /** The endpoint a libzmq socket connects to. */
  get endpoint(): string {
    return `tcp://127.0.0.1:${this.port}`
  }

  /** The `index`-th accepted connection, once it exists. */
  accepted(index = 0, options?: WaitOptions): Promise<EngineConnection> {
    return this.#waiters.waitFor(() => this.connections[index], {
      what: `accepted connection #${index}`,
      ...options,
    })
  }

  /** Closes every accepted connection and the server. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()))
    await Promise.all(this.connections.map((connection) => connection.close()))
    await closed
  }
}
