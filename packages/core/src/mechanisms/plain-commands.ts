import { CommandName, encodeCommand } from '../codec/command.js'
import { encodeMetadata } from '../codec/metadata.js'
import { ErrorCode, ProtocolError } from '../errors.js'

/** PLAIN's credentials (RFC 24): each at most 255 octets. */
export interface PlainCredentials {
  username: Uint8Array
  password: Uint8Array
}

/** PLAIN HELLO: `[username length:1][username][password length:1][password]`. */
export function encodePlainHello({ username, password }: PlainCredentials): Uint8Array {
  if (username.length > 255 || password.length > 255) {
    throw new TypeError('PLAIN username and password must be at most 255 octets each')
  }
  const data = new Uint8Array(2 + username.length + password.length)
  data[0] = username.length
  data.set(username, 1)
  data[1 + username.length] = password.length
  data.set(password, 2 + username.length)
  return encodeCommand(CommandName.Hello, data)
}

/** Decodes PLAIN HELLO data; lengths that overrun it, or bytes left after the password, are malformed. */
export function decodePlainHello(data: Uint8Array): PlainCredentials {
  const userLength = data[0]
  if (userLength === undefined || 1 + userLength >= data.length) {
    throw new ProtocolError(ErrorCode.MalformedCommand, 'malformed PLAIN HELLO: username overruns it')
  }
  const passwordLength = data[1 + userLength]!
  if (2 + userLength + passwordLength !== data.length) {
    throw new ProtocolError(ErrorCode.MalformedCommand, 'malformed PLAIN HELLO: password length is wrong')
  }
  return {
    username: data.slice(1, 1 + userLength),
    password: data.slice(2 + userLength),
  }
}

/** PLAIN WELCOME: no data. */
export function encodePlainWelcome(): Uint8Array {
  return encodeCommand(CommandName.Welcome)
}

/** PLAIN INITIATE: the client's properties, as READY carries them. */
export function encodePlainInitiate(metadata: Iterable<[string, Uint8Array | string]>): Uint8Array {
  return encodeCommand(CommandName.Initiate, encodeMetadata(metadata))
}
