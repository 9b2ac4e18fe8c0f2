// How to start each implementation's side of a case as a worker process.
import { Worker } from '../child.js'
import { steadyMallocEnv } from '../malloc-env.js'
import { PYTHON, pythonScript, workerPath } from '../paths.js'
import type { RoleSettings } from '../peers/roles.js'

export type StartPeer = (settings: RoleSettings) => Worker

const node =
  (name: string, env?: () => NodeJS.ProcessEnv): StartPeer =>
  (settings) =>
    Worker.node(workerPath(name), settings, `${name} ${settings.role}`, env?.())

const python =
  (script: string): StartPeer =>
  (settings) =>
    new Worker(PYTHON, [pythonScript(script), JSON.stringify(settings)], `${script}.py ${settings.role}`)

export const peers = {
  zmtp: node('zmtp-worker'),
  // The other Node programs at their best: with malloc settings at least as generous as those the tcp
  // transport applies to zmtp's own process (see malloc-env.ts).
  zeromqjs: node('zeromqjs-worker', steadyMallocEnv),
  net: node('net-worker', steadyMallocEnv),
  ws: node('ws-worker', steadyMallocEnv),
  rtc: node('rtc-worker', steadyMallocEnv),
  pyzmqThroughput: python('pyzmq_thr'),
  pyzmqLatency: python('pyzmq_lat'),
}
