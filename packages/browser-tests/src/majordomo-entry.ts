/**
 * The Majordomo page's API: the client and worker of @zmtp/majordomo (its default entry, which has no Node
 * built-ins; Titanic's SQLite store and the broker command are in Node-only entries and must stay out) and
 * the browser `ws()`. Bundled by scripts/bundle.mjs (`--entry majordomo`) into dist/zmtp.majordomo.js, with
 * its own size budget, and put on `globalThis.mdp`, where the tests' `page.evaluate` code finds it.
 */

import { BrokerRejectedError, Client, MajordomoError, RequestTimeoutError, Worker } from '@zmtp/majordomo'
import { ws } from '@zmtp/transport-ws'

const api = Object.freeze({ BrokerRejectedError, Client, MajordomoError, RequestTimeoutError, Worker, ws })

/** What tests reach as `mdp` inside `page.evaluate` on the Majordomo page. */
export type MajordomoBrowser = typeof api

declare global {
  var mdp: MajordomoBrowser
}

export { api as mdp }

globalThis.mdp = api
