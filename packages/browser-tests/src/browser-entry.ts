/**
 * What the test page gets: every export of @zmtp/patterns and the browser `ws()` transport (picked by the
 * `browser` export condition of @zmtp/transport-ws), bundled by scripts/bundle.mjs into dist/zmtp.browser.js.
 * The module exports them, and also puts them on `globalThis.zmtp`, where the tests' `page.evaluate` code
 * finds them.
 */

import * as patterns from '@zmtp/patterns'
import { ws } from '@zmtp/transport-ws'

export * from '@zmtp/patterns'
export { ws } from '@zmtp/transport-ws'

const api = Object.freeze({ ...patterns, ws })

/** The page's API: what tests reach as `zmtp` inside `page.evaluate`. */
export type ZmtpBrowser = typeof api

declare global {
  var zmtp: ZmtpBrowser
}

globalThis.zmtp = api
