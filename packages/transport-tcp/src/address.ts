import type { IpcEndpoint, TcpEndpoint } from '@zmtp/core'

/** `tcp://host:port`, with IPv6 hosts in brackets as endpoint URLs require. */
export function formatTcpAddress(host: string, port: number | string): string {
  return `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** `ipc://path`, or `ipc://@name` for an abstract socket. */
export function formatIpcAddress(path: string, abstract: boolean): string {
  return `ipc://${abstract ? '@' : ''}${path}`
}

/** The endpoint as the user would have written it, for error messages. */
export function describeEndpoint(endpoint: TcpEndpoint | IpcEndpoint): string {
  return endpoint.protocol === 'tcp'
    ? formatTcpAddress(endpoint.host, endpoint.port === 0 ? '*' : endpoint.port)
    : formatIpcAddress(endpoint.path, endpoint.abstract)
}

/** The path Node's `net` takes: Linux abstract names start with a NUL byte instead of `@`. */
export function ipcSocketPath(endpoint: IpcEndpoint): string {
  return endpoint.abstract ? `\0${endpoint.path}` : endpoint.path
}
