import * as patterns from '@zmtp/patterns'
import { presenting, presentingAsync, toZeromqError } from './errors.js'

/** zeromq.js's `Proxy`: `@zmtp/patterns`'s, with errors in zeromq.js's form. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name zeromq.js programs import
export class Proxy<
  F extends patterns.Socket = patterns.Socket,
  B extends patterns.Socket = patterns.Socket,
> extends patterns.Proxy<F, B> {
  constructor(frontEnd: F, backEnd: B) {
    try {
      super(frontEnd, backEnd)
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
