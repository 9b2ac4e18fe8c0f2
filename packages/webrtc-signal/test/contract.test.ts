import { transportContract } from '@zmtp/transport-contract'
import { webrtc } from '@zmtp/transport-webrtc'
import { afterAll } from 'vitest'
import { signalingFixture } from './support.js'

// The transport contract again, this time through the reference signaling server over tcp.
const fixture = await signalingFixture()
const signaling = fixture.client()
afterAll(() => fixture.close())

let counter = 0
transportContract('webrtc through the reference signaling server', () => webrtc({ signaling }), {
  listen: () => (++counter % 2 === 0 ? 'webrtc://*' : `webrtc://ref-contract-${counter}`),
  samples: ['webrtc://peer-1', 'webrtc://*'],
  bindOnly: ['webrtc://*'],
})
