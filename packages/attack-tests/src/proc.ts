import { readFileSync } from 'node:fs'

/** Kibibytes of a `/proc/<pid>/status` field (`VmRSS`, `VmHWM`), or undefined once the process is gone. */
export function statusKib(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

export const MIB = 1024 * 1024

/** CPU time the process has used (user + system, all threads), in clock ticks, or undefined once gone. */
export function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces) start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return undefined
  }
}

/**
 * Octets received by the kernel but not yet read by the application, summed over the established IPv4
 * connections whose local port is `port` (the server side of every connection to that port), from
 * `/proc/net/tcp`. Zero means the server has read everything its peers sent.
 */
export function unreadOctets(port: number): number {
  let table: string
  try {
    table = readFileSync('/proc/net/tcp', 'utf8')
  } catch {
    return 0
  }
  let total = 0
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/)
    if (fields.length < 5) continue
    const localPort = Number.parseInt(fields[1]!.split(':')[1]!, 16)
    // 01: ESTABLISHED. A listening socket's queue counts connections, not octets.
    if (localPort !== port || fields[3] !== '01') continue
    total += Number.parseInt(fields[4]!.split(':')[1]!, 16)
  }
  return total
}
