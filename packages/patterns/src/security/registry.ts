import { type CurveOptions, ErrorCode, type Mechanism, type PlainOptions, SocketError } from '@zmtp/core'

/**
 * The security mechanisms sockets can make, by name. They are registered rather than imported so that a
 * browser bundle carries CURVE's cryptography only when the application asks for it
 * (`import '@zmtp/patterns/security'`); the package's Node entry registers both.
 */
export interface MechanismFactories {
  PLAIN: (options: PlainOptions) => Mechanism
  CURVE: (options: CurveOptions) => Mechanism
}

/** The name of a mechanism that has to be registered before a socket can use it. */
export type RegisteredMechanismName = keyof MechanismFactories

const factories: Partial<MechanismFactories> = {}

/** Makes `name` available to every socket of this copy of the package; registering again replaces it. */
export function registerMechanism<Name extends RegisteredMechanismName>(
  name: Name,
  factory: MechanismFactories[Name],
): void {
  factories[name] = factory
}

/**
 * The factory registered for `name`.
 *
 * @throws {@link SocketError} `ENOTSUP` when none is: the message says which import registers it.
 */
export function mechanismFactory<Name extends RegisteredMechanismName>(name: Name): MechanismFactories[Name] {
  const factory = factories[name]
  if (factory === undefined) {
    throw new SocketError(
      ErrorCode.NotSupported,
      `the ${name} mechanism is not registered in this build: import '@zmtp/patterns/security' once ` +
        '(browser bundles leave PLAIN and CURVE out unless asked)',
    )
  }
  return factory as MechanismFactories[Name]
}
