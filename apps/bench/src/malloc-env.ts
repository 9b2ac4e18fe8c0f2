/**
 * The environment the other Node competitors run in (raw `net`, raw `ws`, zeromq.js, raw node-datachannel):
 * glibc's malloc told to keep freed memory mapped. At least as generous as what @zmtp/transport-tcp does
 * for itself from inside (see its malloc-thresholds.ts): that raises the thresholds to 24 and 48 MiB, and
 * only once large frames arrive; this sets 32 and 64 MiB from the start, in senders too.
 *
 * A Node program streaming 64 KiB messages mallocs two 64 KiB buffers per message (a read's chunk and a
 * frame assembled across reads) and the garbage collector frees them in batches. glibc starts with a
 * trim threshold of 128 KiB and raises it only once a block it had to map on its own is freed; whether
 * that happens while a process loads its modules varies from one start to the next. A process that
 * starts without it hands each freed batch back to the kernel and faults the pages in again: measured
 * with the raw receiver, up to 1.21 page faults per message (0.00-0.17 with the thresholds below) and
 * 55.7 µs of CPU per message where the runs beside it took 29-35, one of the reasons the raw row moved
 * from run to run (see docs-notes.md, "Large messages"). Fixing the
 * thresholds (the values glibc would reach on its own after such a free) keeps the program as anyone
 * would write it and measures it in its better state every time. Other allocators ignore the variable.
 */
const TUNABLES = 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864'

/** This process's environment with {@link TUNABLES} added to any GLIBC_TUNABLES already set. */
export function steadyMallocEnv(): NodeJS.ProcessEnv {
  const own = process.env.GLIBC_TUNABLES
  return { ...process.env, GLIBC_TUNABLES: own ? `${own}:${TUNABLES}` : TUNABLES }
}
