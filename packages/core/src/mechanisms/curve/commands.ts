/**
 * The byte layouts of CurveZMQ's handshake commands (RFC 26, as libzmq 4.3 builds them), as pure
 * functions of keys, nonces and a {@link CurveCrypto}. Offsets are into the command data (after the name).
 *
 * ```
 * HELLO    version 1.0 | 72 zeros | C' | short nonce | Box[64 zeros](C'->S)
 * WELCOME  long nonce | Box[S' | cookie](S->C')           cookie = long nonce | SecretBox[C' | s'](cookie key)
 * INITIATE cookie | short nonce | Box[C | vouch | metadata](C'->S')   vouch = long nonce | Box[C' | S](C->S')
 * READY    short nonce | Box[metadata](S'->C')
 * ```
 */
import { CommandName, encodeCommand } from '../../codec/command.js'
import { BOX_TAG_BYTES, CURVE_KEY_BYTES, type CurveCrypto } from '../../crypto/box.js'
import { boxOpen, boxSeal } from '../../crypto/nacl-box.js'
import { ErrorCode, ProtocolError } from '../../errors.js'
import { boxNonce, LONG_NONCE_BYTES, NoncePrefix, SHORT_NONCE_BYTES } from './nonce.js'

const KEY = CURVE_KEY_BYTES
const TAG = BOX_TAG_BYTES
/** HELLO data: version (2), padding (72), C' (32), short nonce (8), signature box (64 + tag). */
const HELLO_PADDING = 72
const HELLO_SIGNATURE = 64
export const HELLO_DATA_BYTES = 2 + HELLO_PADDING + KEY + SHORT_NONCE_BYTES + HELLO_SIGNATURE + TAG
/** A cookie: its long nonce and the secretbox of C' and s'. */
export const COOKIE_BYTES = LONG_NONCE_BYTES + 2 * KEY + TAG
/** WELCOME data: long nonce, box of S' and the cookie. */
export const WELCOME_DATA_BYTES = LONG_NONCE_BYTES + KEY + COOKIE_BYTES + TAG
/** A vouch: its long nonce and the box of C' and S. */
const VOUCH_BYTES = LONG_NONCE_BYTES + 2 * KEY + TAG
/** The smallest INITIATE data: cookie, short nonce, box of C and the vouch (no metadata). */
export const MIN_INITIATE_DATA_BYTES = COOKIE_BYTES + SHORT_NONCE_BYTES + KEY + VOUCH_BYTES + TAG
/** The smallest READY data: short nonce and an empty box. */
export const MIN_READY_DATA_BYTES = SHORT_NONCE_BYTES + TAG

/** A key pair as raw bytes. */
export interface RawKeyPair {
  publicKey: Uint8Array
  secretKey: Uint8Array
}

function malformed(what: string): ProtocolError {
  return new ProtocolError(ErrorCode.MalformedCommand, `malformed CURVE ${what}`)
}

function undecryptable(what: string): ProtocolError {
  return new ProtocolError(ErrorCode.DecryptFailed, `CURVE ${what} does not open`)
}

function opened(box: Uint8Array | null, what: string): Uint8Array {
  if (box === null) throw undecryptable(what)
  return box
}

// --- HELLO -------------------------------------------------------------------------------------------

/**
 * HELLO from a client with transient pair `transient`. `helloKey` is the key C' shares with the server's
 * permanent key S (`crypto_box_beforenm(S, c')`); WELCOME comes back under the same key.
 */
export function encodeCurveHello(
  crypto: CurveCrypto,
  helloKey: Uint8Array,
  transient: RawKeyPair,
  shortNonce: Uint8Array,
): Uint8Array {
  const data = new Uint8Array(HELLO_DATA_BYTES)
  data[0] = 1
  data[1] = 0
  let offset = 2 + HELLO_PADDING
  data.set(transient.publicKey, offset)
  offset += KEY
  data.set(shortNonce, offset)
  offset += SHORT_NONCE_BYTES
  const nonce = boxNonce(NoncePrefix.Hello, shortNonce)
  data.set(crypto.seal(helloKey, nonce, new Uint8Array(HELLO_SIGNATURE)), offset)
  return encodeCommand(CommandName.Hello, data)
}

/** What the server learns from HELLO: the client's transient key, the short nonce it used, their shared key. */
export interface CurveHello {
  clientTransientKey: Uint8Array
  shortNonce: Uint8Array
  /** `crypto_box_beforenm(C', s)`, which also seals WELCOME. */
  helloKey: Uint8Array
}

/** Checks HELLO's size, version and signature box (which only the holder of the server's secret key opens). */
export function decodeCurveHello(
  crypto: CurveCrypto,
  data: Uint8Array,
  serverSecret: Uint8Array,
): CurveHello {
  if (data.length !== HELLO_DATA_BYTES) throw malformed('HELLO: wrong size')
  if (data[0] !== 1 || data[1] !== 0) throw malformed(`HELLO: version ${data[0]}.${data[1]}`)
  let offset = 2 + HELLO_PADDING
  const clientTransientKey = data.slice(offset, offset + KEY)
  offset += KEY
  const shortNonce = data.slice(offset, offset + SHORT_NONCE_BYTES)
  offset += SHORT_NONCE_BYTES
  const nonce = boxNonce(NoncePrefix.Hello, shortNonce)
  let helloKey: Uint8Array
  try {
    helloKey = crypto.sharedKey(clientTransientKey, serverSecret)
  } catch {
    throw undecryptable('HELLO (low-order client key)')
  }
  const signature = opened(
    crypto.open(helloKey, nonce, data.subarray(offset)),
    'HELLO (is the server key right?)',
  )
  if (signature.some((byte) => byte !== 0)) throw malformed('HELLO: signature is not zeros')
  return { clientTransientKey, shortNonce, helloKey }
}

// --- WELCOME -----------------------------------------------------------------------------------------

/**
 * WELCOME from the server (transient pair `transient`) to the client's transient key, sealed under the
 * `helloKey` HELLO was opened with. The cookie seals C' and s' under `cookieKey`, so the server could forget both until
 * INITIATE brings the cookie back.
 */
export function encodeCurveWelcome(
  crypto: CurveCrypto,
  clientTransientKey: Uint8Array,
  helloKey: Uint8Array,
  transient: RawKeyPair,
  cookieKey: Uint8Array,
): Uint8Array {
  const cookieNonce = crypto.randomBytes(LONG_NONCE_BYTES)
  const cookieContent = new Uint8Array(2 * KEY)
  cookieContent.set(clientTransientKey, 0)
  cookieContent.set(transient.secretKey, KEY)
  const cookie = new Uint8Array(COOKIE_BYTES)
  cookie.set(cookieNonce, 0)
  cookie.set(
    crypto.seal(cookieKey, boxNonce(NoncePrefix.Cookie, cookieNonce), cookieContent),
    LONG_NONCE_BYTES,
  )
  cookieContent.fill(0)

  const plaintext = new Uint8Array(KEY + COOKIE_BYTES)
  plaintext.set(transient.publicKey, 0)
  plaintext.set(cookie, KEY)
  const welcomeNonce = crypto.randomBytes(LONG_NONCE_BYTES)
  const data = new Uint8Array(WELCOME_DATA_BYTES)
  data.set(welcomeNonce, 0)
  const box = crypto.seal(helloKey, boxNonce(NoncePrefix.Welcome, welcomeNonce), plaintext)
  data.set(box, LONG_NONCE_BYTES)
  return encodeCommand(CommandName.Welcome, data)
}

/** What the client learns from WELCOME: the server's transient key and the cookie to send back. */
export interface CurveWelcome {
  serverTransientKey: Uint8Array
  cookie: Uint8Array
}

/** Opens WELCOME with the key HELLO was sealed under: only the holder of the server's secret key can have made it. */
export function decodeCurveWelcome(
  crypto: CurveCrypto,
  data: Uint8Array,
  helloKey: Uint8Array,
): CurveWelcome {
  if (data.length !== WELCOME_DATA_BYTES) throw malformed('WELCOME: wrong size')
  const nonce = boxNonce(NoncePrefix.Welcome, data.subarray(0, LONG_NONCE_BYTES))
  const plaintext = opened(crypto.open(helloKey, nonce, data.subarray(LONG_NONCE_BYTES)), 'WELCOME')
  return { serverTransientKey: plaintext.slice(0, KEY), cookie: plaintext.slice(KEY) }
}

// --- INITIATE ----------------------------------------------------------------------------------------

/** What the client puts in INITIATE. */
export interface CurveInitiateInput {
  cookie: Uint8Array
  shortNonce: Uint8Array
  /** `crypto_box_beforenm(S', c')`. */
  sessionKey: Uint8Array
  client: RawKeyPair
  clientTransientKey: Uint8Array
  serverKey: Uint8Array
  serverTransientKey: Uint8Array
  metadata: Uint8Array
}

/** INITIATE: the cookie back, and the client's permanent key with a vouch that binds it to C' and S. */
export function encodeCurveInitiate(crypto: CurveCrypto, input: CurveInitiateInput): Uint8Array {
  const vouchNonce = crypto.randomBytes(LONG_NONCE_BYTES)
  const vouchContent = new Uint8Array(2 * KEY)
  vouchContent.set(input.clientTransientKey, 0)
  vouchContent.set(input.serverKey, KEY)
  const vouchBox = boxSeal(
    crypto,
    input.serverTransientKey,
    input.client.secretKey,
    boxNonce(NoncePrefix.Vouch, vouchNonce),
    vouchContent,
  )
  const plaintext = new Uint8Array(KEY + VOUCH_BYTES + input.metadata.length)
  plaintext.set(input.client.publicKey, 0)
  plaintext.set(vouchNonce, KEY)
  plaintext.set(vouchBox, KEY + LONG_NONCE_BYTES)
  plaintext.set(input.metadata, KEY + VOUCH_BYTES)
  const box = crypto.seal(input.sessionKey, boxNonce(NoncePrefix.Initiate, input.shortNonce), plaintext)
  const data = new Uint8Array(COOKIE_BYTES + SHORT_NONCE_BYTES + box.length)
  data.set(input.cookie, 0)
  data.set(input.shortNonce, COOKIE_BYTES)
  data.set(box, COOKIE_BYTES + SHORT_NONCE_BYTES)
  return encodeCommand(CommandName.Initiate, data)
}

/** What the server keeps of a connection between WELCOME and INITIATE. */
export interface CurveServerSession {
  cookieKey: Uint8Array
  clientTransientKey: Uint8Array
  transient: RawKeyPair
  serverKey: Uint8Array
}

/** What the server learns from INITIATE. */
export interface CurveInitiate {
  clientKey: Uint8Array
  shortNonce: Uint8Array
  /** `crypto_box_beforenm(C', s')`, for READY and every MESSAGE. */
  sessionKey: Uint8Array
  metadata: Uint8Array
}

/**
 * Opens INITIATE: the cookie must be ours and name this connection's C' and s', and the vouch must prove
 * that the holder of the permanent key C made C' for this server S.
 */
export function decodeCurveInitiate(
  crypto: CurveCrypto,
  data: Uint8Array,
  session: CurveServerSession,
): CurveInitiate {
  if (data.length < MIN_INITIATE_DATA_BYTES) throw malformed('INITIATE: too short')
  const cookieNonce = boxNonce(NoncePrefix.Cookie, data.subarray(0, LONG_NONCE_BYTES))
  const cookie = opened(
    crypto.open(session.cookieKey, cookieNonce, data.subarray(LONG_NONCE_BYTES, COOKIE_BYTES)),
    'INITIATE cookie',
  )
  if (
    !sameBytes(cookie.subarray(0, KEY), session.clientTransientKey) ||
    !sameBytes(cookie.subarray(KEY), session.transient.secretKey)
  ) {
    throw undecryptable('INITIATE cookie for this connection')
  }
  const shortNonce = data.slice(COOKIE_BYTES, COOKIE_BYTES + SHORT_NONCE_BYTES)
  const sessionKey = crypto.sharedKey(session.clientTransientKey, session.transient.secretKey)
  const plaintext = opened(
    crypto.open(
      sessionKey,
      boxNonce(NoncePrefix.Initiate, shortNonce),
      data.subarray(COOKIE_BYTES + SHORT_NONCE_BYTES),
    ),
    'INITIATE',
  )
  const clientKey = plaintext.slice(0, KEY)
  const vouchNonce = boxNonce(NoncePrefix.Vouch, plaintext.subarray(KEY, KEY + LONG_NONCE_BYTES))
  const vouch = opened(
    boxOpen(
      crypto,
      clientKey,
      session.transient.secretKey,
      vouchNonce,
      plaintext.subarray(KEY + LONG_NONCE_BYTES, KEY + VOUCH_BYTES),
    ),
    'INITIATE vouch',
  )
  if (
    !sameBytes(vouch.subarray(0, KEY), session.clientTransientKey) ||
    !sameBytes(vouch.subarray(KEY), session.serverKey)
  ) {
    throw undecryptable('INITIATE vouch for this connection')
  }
  return { clientKey, shortNonce, sessionKey, metadata: plaintext.subarray(KEY + VOUCH_BYTES) }
}

// --- READY -------------------------------------------------------------------------------------------

/** READY: the server's properties in a box under the session key. */
export function encodeCurveReady(
  crypto: CurveCrypto,
  sessionKey: Uint8Array,
  shortNonce: Uint8Array,
  metadata: Uint8Array,
): Uint8Array {
  const box = crypto.seal(sessionKey, boxNonce(NoncePrefix.Ready, shortNonce), metadata)
  const data = new Uint8Array(SHORT_NONCE_BYTES + box.length)
  data.set(shortNonce, 0)
  data.set(box, SHORT_NONCE_BYTES)
  return encodeCommand(CommandName.Ready, data)
}

/** Opens READY: its short nonce and the server's properties (still encoded). */
export function decodeCurveReady(
  crypto: CurveCrypto,
  data: Uint8Array,
  sessionKey: Uint8Array,
): { shortNonce: Uint8Array; metadata: Uint8Array } {
  if (data.length < MIN_READY_DATA_BYTES) throw malformed('READY: too short')
  const shortNonce = data.slice(0, SHORT_NONCE_BYTES)
  const metadata = opened(
    crypto.open(sessionKey, boxNonce(NoncePrefix.Ready, shortNonce), data.subarray(SHORT_NONCE_BYTES)),
    'READY',
  )
  return { shortNonce, metadata }
}

/** Constant-time comparison of two byte strings (the lengths are public). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!
  return difference === 0
}
