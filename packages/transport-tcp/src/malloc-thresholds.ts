import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'

/** Size of the block freed once; glibc raises its thresholds to about this (at most 32 MiB). */
const BLOCK_SIZE = 24 * 1024 * 1024

let done = false

/**
 * Makes glibc's malloc keep freed memory mapped, once per process, before large messages flow.
 *
 * Every large frame ends up in memory of its own that the application owns, and the garbage collector
 * frees those buffers in batches of tens of MiB. With glibc's start-up thresholds (128 KiB), each batch
 * is handed back to the kernel and the next buffers fault their pages in again: measured at 64 KiB per
 * message, 1.0-1.7 page faults per message instead of 0.4, and 20-40 µs more CPU on the receiving side.
 * Whether a process starts in that state depended on what happened to be freed while modules loaded (it
 * changed when @zmtp/core began to load its crypto dependencies). glibc raises both thresholds when a
 * block it mapped on its own is freed, so one such block is made and freed here, synchronously: a
 * message posted to a port and received at once, whose serialised copy lives in plain malloc'd memory.
 * The cost is one copy of BLOCK_SIZE octets; afterwards the process may keep up to about twice that
 * much freed memory mapped for reuse. Other allocators ignore it.
 */
export function keepFreedMemoryMapped(): void {
  if (done) return
  done = true
  if (process.platform !== 'linux') return
  const { port1, port2 } = new MessageChannel()
  try {
    port1.postMessage(new Uint8Array(BLOCK_SIZE))
    receiveMessageOnPort(port2)
  } finally {
    port1.close()
  }
}
