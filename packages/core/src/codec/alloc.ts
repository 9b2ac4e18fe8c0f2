/**
 * Allocates bytes that the caller overwrites entirely before anyone reads them: frame bodies being
 * assembled, output slabs. `new Uint8Array` zero-fills, which for 64 KiB frames costs as much as the copy
 * that follows; in Node, `Buffer.allocUnsafeSlow` skips that (and, unlike `allocUnsafe`, never hands out
 * a slice of a shared pool). Found at run time, so the package stays free of Node imports for browsers.
 */
type Allocate = (size: number) => Uint8Array

const nodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow?: Allocate } }).Buffer
const allocUnsafeSlow = nodeBuffer?.allocUnsafeSlow

/** Below this, zero-filling costs less than the native call. */
const UNINITIALISED_FROM = 1024

export function allocateUninitialised(size: number): Uint8Array {
  if (allocUnsafeSlow !== undefined && size >= UNINITIALISED_FROM) return allocUnsafeSlow(size)
  return new Uint8Array(size)
}
