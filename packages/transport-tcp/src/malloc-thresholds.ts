import { Buffer } from 'node:buffer'

/** Size of the block allocated once; glibc raises its thresholds to about this (at most 32 MiB). */
const BLOCK_SIZE = 24 * 1024 * 1024

let done = false

/**
 * Makes glibc's malloc keep freed memory mapped, once per process, before large messages flow or a
 * stream of small ones gets busy (its read slabs and output slabs churn through malloc as well).
 *
 * Every large frame ends up in memory of its own that the application owns, and the garbage collector
 * frees those buffers in batches of tens of MiB. With glibc's start-up thresholds (128 KiB), each batch
 * is handed back to the kernel and the next buffers fault their pages in again: measured at 64 KiB per
 * message, 1.0-1.7 page faults per message instead of 0.4, and 20-40 µs more CPU on the receiving side.
 * Whether a process starts in that state depended on what happened to be freed while modules loaded (it
 * changed when @zmtp/core began to load its crypto dependencies). glibc raises both thresholds when a
 * block it mapped on its own is freed, so one such block is allocated here, uninitialised and left to the
 * garbage collector. malloc maps it and nothing ever touches its pages, so it costs two system calls; it
 * is freed at the next young-generation collection, which the large buffers about to flow bring on within
 * a few hundred messages (the block itself counts towards it). An earlier version freed a block at once,
 * through a message posted to a port and received: the serialised copy and the received one faulted in
 * 18,000 pages, 260 ms of CPU here, in the middle of a connection's first large messages. Afterwards the
 * process may keep up to about twice BLOCK_SIZE of freed memory mapped for reuse. Other allocators ignore it.
 */
export function keepFreedMemoryMapped(): void {
  if (done) return
  done = true
  if (process.platform !== 'linux') return
  // Uninitialised, so that no page of it is touched; nothing keeps it.
  Buffer.allocUnsafeSlow(BLOCK_SIZE)
}
