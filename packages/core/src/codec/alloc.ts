/**
 * Allocates bytes that the caller overwrites entirely before anyone reads them: frame bodies being
 * assembled, output slabs. `new Uint8Array` zero-fills, which for 64 KiB frames costs as much as the copy
 * that follows; in Node, `Buffer.allocUnsafeSlow` skips that (and, unlike `allocUnsafe`, never hands out
 * a slice of a shared pool). Found at run time, so the package stays free of Node imports for browsers.
 */
type Allocate = (size: number) => Uint8Array

const nodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow?: Allocate; [Symbol.species]?: unknown } })
  .Buffer
const allocUnsafeSlow = nodeBuffer?.allocUnsafeSlow

/** Below this, zero-filling costs less than the native call. */
const UNINITIALISED_FROM = 1024

export function allocateUninitialised(size: number): Uint8Array {
  if (allocUnsafeSlow !== undefined && size >= UNINITIALISED_FROM) return allocUnsafeSlow(size)
  return new Uint8Array(size)
}

type View = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => Uint8Array

/**
 * Node's class of Buffer views (what `Buffer[Symbol.species]` gives): `Buffer#subarray` is three calls in
 * JavaScript around one construction of it, which {@link subview} makes directly. Undefined elsewhere.
 */
export const bufferView: View | undefined = (() => {
  const species = nodeBuffer?.[Symbol.species]
  if (typeof species !== 'function' || species === (nodeBuffer as unknown)) return undefined
  try {
    const probe = new (species as View)(new ArrayBuffer(4), 1, 2)
    if (probe instanceof Uint8Array && probe.byteOffset === 1 && probe.length === 2) return species as View
  } catch {}
  return undefined
})()

/**
 * `bytes.subarray(start, end)` for memory from {@link allocateUninitialised}, of the same class as `bytes`,
 * without the calls a Node Buffer's own `subarray` makes (it runs per message written).
 */
export function subview(bytes: Uint8Array, start: number, end: number): Uint8Array {
  if (bufferView !== undefined && bytes instanceof bufferView) {
    return new bufferView(bytes.buffer, bytes.byteOffset + start, end - start)
  }
  return bytes.subarray(start, end)
}
