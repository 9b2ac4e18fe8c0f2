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
  zeromqjs: node('zeromqjs-worker'),
  // The raw baseline at its best: with the malloc settings the tcp transport applies itself.
  net: node('net-worker', steadyMallocEnv),
  ws: node('ws-worker'),
  rtc: node('rtc-worker'),
  pyzmqThroughput: python('pyzmq_thr'),
  pyzmqLatency: python('pyzmq_lat'),
}
