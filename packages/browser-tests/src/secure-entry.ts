/**
 * The test page's bundle with security (dist/zmtp.secure.js, `--entry secure`): the page API of
 * src/page-api.ts plus `import '@zmtp/patterns/security'`, which registers PLAIN and CURVE, and the CURVE
 * key helpers. What an application using CURVE in a browser gets; measured against `secureBundleBudget`.
 */

import '@zmtp/patterns/security'
import { curveKeyPair, curvePublicKey } from '@zmtp/patterns'
import { pageApi } from './page-api.js'

const api = Object.freeze({ ...pageApi, curveKeyPair, curvePublicKey })

/** What tests reach as `zmtp` inside `page.evaluate` on the secure page. */
export type ZmtpSecureBrowser = typeof api

export { api as zmtp }

// The secure page loads only this bundle, so its `globalThis.zmtp` has the CURVE key helpers too.
globalThis.zmtp = api
