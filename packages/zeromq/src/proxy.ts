import * as patterns from '@zmtp/patterns'
import { expectArguments } from './arguments.js'
import { presenting, presentingAsync, toZeromqError } from './errors.js'

/**
 * zeromq.js's `Proxy`: `@zmtp/patterns`'s, with errors in zeromq.js's form. It takes exactly the
 * front-end and back-end sockets, as zeromq.js's does (a capture socket is `@zmtp/patterns`'s).
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name zeromq.js programs import
export class Proxy<
  F extends patterns.Socket = patterns.Socket,
  B extends patterns.Socket = patterns.Socket,
> extends patterns.Proxy<F, B> {
  constructor(...args: [frontEnd: F, backEnd: B]) {
    expectArguments(args, 2)
    try {
      super(args[0], args[1])
    } catch (error) {
      throw toZeromqError(error)
    }
  }

  override run(): Promise<void> {
    return presentingAsync(super.run(), { keepMessage: true })
  }

  override terminate(): void {
    presenting(() => super.terminate())
  }
}
