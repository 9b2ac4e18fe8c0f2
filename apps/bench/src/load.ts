/**
 * The loaded-machine variant (issue #17): N CPU-bound processes that compete with the measured ones for
 * the cores while a bench runs again. Each is a Node process spinning in a loop; they are started here,
 * tracked by PID, and killed by PID when the loaded pass ends (or with the runner, if it is interrupted).
 */
import { type ChildProcess, spawn } from 'node:child_process'

const SPIN = 'for (;;) {}'

const running = new Set<ChildProcess>()

function killAll(): void {
  for (const child of running)
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL')
  running.clear()
}

process.on('exit', killAll)

export interface Load {
  /** Kills every process of this load by its PID and waits for them to exit. */
  stop(): Promise<void>
}

/** Starts `count` CPU-bound processes. */
export function startLoad(count: number): Load {
  const children = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['-e', SPIN], { stdio: 'ignore' })
    running.add(child)
    return child
  })
  return {
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              running.delete(child)
              if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
                return resolve()
              child.once('exit', () => resolve())
              process.kill(child.pid, 'SIGKILL')
            }),
        ),
      )
    },
  }
}
