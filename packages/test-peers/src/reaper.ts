import type { ChildProcess } from 'node:child_process'

const live = new Set<ChildProcess>()
let hooked = false

/**
 * Kills `child` when this process exits, should a test forget to stop it. The peer also exits on its
 * own when its stdin closes; this covers a parent that exits while the peer is busy.
 */
export function trackChild(child: ChildProcess): void {
  live.add(child)
  child.once('exit', () => live.delete(child))
  if (hooked) return
  hooked = true
  process.once('exit', () => {
    for (const orphan of live) orphan.kill('SIGKILL')
  })
}
