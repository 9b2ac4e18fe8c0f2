/**
 * Browser to browser: two tabs chat through Pub/Sub over WebRTC. Each binds a Publisher on
 * `webrtc://zmtp-demo-chat-<me>` and connects a Subscriber to the other tab's id; the demo's signaling
 * server (a Router on ws://) only introduces them.
 */
import { Dealer, Publisher, Subscriber } from '@zmtp/patterns'
import { SocketSignaling, webrtc } from '@zmtp/transport-webrtc'
import { ws } from '@zmtp/transport-ws'

interface Endpoints {
  signal: string
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const me = location.hash === '#b' ? 'b' : 'a'
const other = me === 'a' ? 'b' : 'a'
element('me').textContent = me

const endpoints = (await (await fetch('/endpoints.json')).json()) as Endpoints
const dealer = new Dealer({ transports: [ws()], reconnectMaxInterval: 5000 })
dealer.connect(endpoints.signal)
const transports = [webrtc({ signaling: new SocketSignaling(dealer) })]

const publisher = new Publisher({ transports })
await publisher.bind(`webrtc://zmtp-demo-chat-${me}`)
const subscriber = new Subscriber({ transports, reconnectMaxInterval: 2000 })
subscriber.subscribe()
subscriber.connect(`webrtc://zmtp-demo-chat-${other}`)

const status = element('status')
const show = (state: string) => {
  status.dataset.state = state
  status.textContent = state
}
subscriber.events.on('handshake', () => show('connected'))
subscriber.events.on('disconnect', () => show('disconnected'))

const log = (line: string, mine: boolean) => {
  const item = document.createElement('li')
  item.textContent = line
  if (mine) item.className = 'mine'
  element('log').append(item)
}

element('form').addEventListener('submit', (event) => {
  event.preventDefault()
  const input = element<HTMLInputElement>('text')
  if (!input.value) return
  void publisher.send([me, input.value])
  log(`${me}: ${input.value}`, true)
  input.value = ''
})

for await (const [from, text] of subscriber) {
  log(`${new TextDecoder().decode(from)}: ${new TextDecoder().decode(text)}`, false)
}
