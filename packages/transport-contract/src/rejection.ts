import type { Connection } from '@zmtp/core'

/** Resolves with what `promise` rejects with; fails (closing any connection it made) if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown
  try {
    value = await promise
  } catch (error) {
    return error
  }
  ;(value as Partial<Connection> | undefined)?.destroy?.()
  throw new Error(`expected a rejection, got ${String(value)}`)
}
