// The machine a run happened on, for the header of every report: figures mean little without it.
import { cpus, release, totalmem, type } from 'node:os'
import type { Availability, Requirement } from './requirements.js'
import type { Machine } from './results.js'

export function describeMachine(availability: Record<Requirement, Availability>): Machine {
  const cpuList = cpus()
  const peers: Record<string, string> = {}
  for (const [name, a] of Object.entries(availability)) peers[name] = a.detail
  return {
    cores: cpuList.length,
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${type()} ${release()}`,
    memoryGib: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    peers,
  }
}
