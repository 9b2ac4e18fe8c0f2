import { transportContract } from '@zmtp/transport-contract'
import { ws } from '../src/index.js'

let counter = 0

transportContract('ws', () => ws(), {
  listen: () => `ws://127.0.0.1:*/contract-${++counter}`,
  samples: ['ws://127.0.0.1:8080/zmq', 'ws://*:*/x', 'wss://[::1]/a?b=c', 'ws://example.com'],
  bindOnly: ['ws://*:5555/zmq', 'ws://127.0.0.1:*/zmq'],
})
