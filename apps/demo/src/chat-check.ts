/**
 * The --once check of the browser-to-browser chat: its page is served, and the signaling server the tabs
 * use relays a signal, end to end over ws:// as a tab's Dealer sends it. (Two browsers are not started
 * here; packages/browser-tests runs WebRTC between pages in Chromium.)
 */
import { ws } from '@zmtp/transport-ws'
import { connectSignaling } from '@zmtp/webrtc-signal'

export async function checkChat(pageUrl: string, signalEndpoint: string): Promise<string> {
  const page = await fetch(new URL('chat.html', pageUrl))
  const script = await fetch(new URL('chat.js', pageUrl))
  if (!page.ok || !script.ok)
    throw new Error(`chat page not served: ${page.status}, chat.js ${script.status}`)
  const signaling = connectSignaling(signalEndpoint, [ws()], { requestTimeout: 5000 })
  try {
    const id = `once-${process.pid}`
    const relayed = new Promise<string>((resolve) => {
      void signaling
        .announce(id, (signal) => resolve(signal.kind === 'bye' ? signal.reason : signal.kind))
        .then(() => signaling.send({ from: id, to: id, session: 'once', kind: 'bye', reason: 'relayed' }))
    })
    const reason = await relayed
    if (reason !== 'relayed') throw new Error(`the signaling server relayed "${reason}"`)
    return `chat page served (${(await page.text()).length} B); signaling on ${signalEndpoint} relays`
  } finally {
    signaling.close()
  }
}
