import { transportContract } from '@zmtp/transport-contract'
import { tcp } from '../src/index.js'

let counter = 0
const unique = () => `${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`

const samples = [
  'tcp://127.0.0.1:5555',
  'tcp://*:*',
  'tcp://[::1]:1',
  'ipc:///tmp/x.sock',
  'ipc://@name',
  'ipc://*',
]

transportContract('tcp', () => tcp(), {
  listen: () => 'tcp://127.0.0.1:*',
  samples,
  bindOnly: ['tcp://*:5555', 'tcp://127.0.0.1:*', 'tcp://[::1]:0'],
})

transportContract('ipc (filesystem path)', () => tcp(), {
  listen: () => 'ipc://*',
  samples,
  bindOnly: ['ipc://*'],
})

transportContract('ipc (abstract name)', () => tcp(), {
  listen: () => `ipc://@zmtp-contract-${unique()}`,
  samples,
})
