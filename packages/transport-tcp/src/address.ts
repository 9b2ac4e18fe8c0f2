import type { IpcEndpoint } from './endpoint.js'

/** `tcp://host:port` for an address Node reported, with IPv6 hosts in brackets as endpoint URLs require. */
export function formatTcpAddress(host: string, port: number | string): string {
  return `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** The path Node's `net` takes: Linux abstract names start with a NUL byte instead of `@`. */
export function ipcSocketPath(endpoint: IpcEndpoint): string {
  return endpoint.abstract ? `\0${endpoint.path}` : endpoint.path
}
