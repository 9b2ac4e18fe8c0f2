/**
 * The WebRTC page's API: @zmtp/patterns, the browser `webrtc()` transport with the `SocketSignaling`
 * client of @zmtp/transport-webrtc, and the browser `ws()` the signaling Dealer uses. Bundled by
 * scripts/bundle.mjs (`--entry webrtc`) into dist/zmtp.webrtc.js, with a size budget of its own, and put
 * on `globalThis.zmtp`.
 */

import * as patterns from '@zmtp/patterns'
import { SocketSignaling, webrtc } from '@zmtp/transport-webrtc'
import { ws } from '@zmtp/transport-ws'

export * from '@zmtp/patterns'
export { SocketSignaling, webrtc } from '@zmtp/transport-webrtc'
export { ws } from '@zmtp/transport-ws'

const api = Object.freeze({ ...patterns, ws, webrtc, SocketSignaling })

/** What tests reach as `zmtp` inside `page.evaluate` on the WebRTC page. */
export type ZmtpWebRtcBrowser = typeof api

// The WebRTC page loads only this bundle, so its `globalThis.zmtp` has the webrtc API.
;(globalThis as unknown as { zmtp: ZmtpWebRtcBrowser }).zmtp = api
