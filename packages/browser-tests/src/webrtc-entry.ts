/**
 * The WebRTC page's API: the page API of src/page-api.ts (@zmtp/patterns without security, and the browser
 * `ws()` the signaling Dealer uses) plus the browser `webrtc()` transport with the `SocketSignaling` client
 * of @zmtp/transport-webrtc. Bundled by scripts/bundle.mjs (`--entry webrtc`) into dist/zmtp.webrtc.js,
 * with a size budget of its own, and put on `globalThis.zmtp`.
 */

import { SocketSignaling, webrtc } from '@zmtp/transport-webrtc'
import { pageApi } from './page-api.js'

const api = Object.freeze({ ...pageApi, webrtc, SocketSignaling })

/** What tests reach as `zmtp` inside `page.evaluate` on the WebRTC page. */
export type ZmtpWebRtcBrowser = typeof api

export {
  api as zmtp,

  // The WebRTC page loads only this bundle, so its `globalThis.zmtp` has the webrtc API.
}
;(globalThis as unknown as { zmtp: ZmtpWebRtcBrowser }).zmtp = api
