/**
 * @zmtp/patterns for browser bundles (the `browser` export condition): the same API as the Node entry,
 * without PLAIN and CURVE registered, so an application that never uses them does not carry CURVE's
 * cryptography. `import '@zmtp/patterns/security'` registers them.
 *
 * @packageDocumentation
 */

export * from './api.js'
