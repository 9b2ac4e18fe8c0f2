/**
 * The test page's bundle without security (dist/zmtp.browser.js, built by scripts/bundle.mjs): @zmtp/patterns
 * through its `browser` entry, which registers neither PLAIN nor CURVE, and the browser `ws()`. It is what
 * an application that never uses security gets, and what the size budget `bundleBudget` measures. The
 * module exports the API and puts it on `globalThis.zmtp`, where the tests' `page.evaluate` code finds it.
 */

import { pageApi } from './page-api.js'

export { pageApi as zmtp }

globalThis.zmtp = pageApi
