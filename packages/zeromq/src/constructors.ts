/**
 * `Context` and `Proxy` as the package exports them: zeromq.js's are native classes, which fail with
 * N-API's "Class constructors cannot be invoked without 'new'" when called as functions. Ours are
 * JavaScript classes, wrapped here to fail the same way; `new`, `extends` and `instanceof` reach the
 * classes unchanged.
 */
import type * as patterns from '@zmtp/patterns'
import { requiringNew } from './arguments.js'
import { Context as ContextClass } from './context.js'
import { Proxy as ProxyClass } from './proxy.js'

/** zeromq.js's `Context` (see {@link ContextClass}). */
export const Context = requiringNew(ContextClass)
export type Context = ContextClass

/** zeromq.js's `Proxy` (see {@link ProxyClass}). */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name zeromq.js programs import
export const Proxy = requiringNew(ProxyClass)
export type Proxy<
  F extends patterns.Socket = patterns.Socket,
  B extends patterns.Socket = patterns.Socket,
> = ProxyClass<F, B>
