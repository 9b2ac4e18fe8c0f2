import type { RunContext } from '../run/context.js'

/** What a command's action hands to the runner: the work, run once commander has parsed the line. */
export type Task = (ctx: RunContext) => Promise<number>

/** Receives the task of the command that commander picked. */
export type TaskSink = (task: Task) => void
