import { transportContract } from '@zmtp/transport-contract'
import { webrtc } from '../src/index.js'
import { MemoryHub } from './support/memory-signaling.js'

const hub = new MemoryHub()
let counter = 0

transportContract('webrtc', () => webrtc({ signaling: hub.client() }), {
  listen: () => (++counter % 2 === 0 ? 'webrtc://*' : `webrtc://contract-${counter}`),
  samples: ['webrtc://peer-1', 'webrtc://*', 'webrtc://A.b_c~d-9'],
  bindOnly: ['webrtc://*'],
})
