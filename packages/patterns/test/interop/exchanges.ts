/**
 * Message exchanges the interop suites run with every peer (libzmq, zeromq.js) and over every
 * transport: request-reply rounds with their envelopes, and a subscription that moves from one topic
 * to another. Each asserts every message at the byte level.
 */
import { expect } from 'vitest'
import { publishUntilReceived, text } from '../helpers.js'
import {
  bytes,
  crosses,
  expected,
  MULTIPART,
  nextOther,
  type Receiver,
  type Sender,
  untilTopic,
} from './frames.js'

type Frames = (string | Uint8Array)[]

/** The frames before a message body: those the sender writes, and those the receiver finds instead. */
export interface Envelope {
  sent?: Frames
  seen?: Frames
}

/**
 * Three rounds of a multipart request from `client` to `server` and a multipart reply back, each
 * arriving whole; `request` and `reply` give the envelopes (an empty delimiter, a routing id) that the
 * sockets add or strip on the way.
 */
export async function rounds(
  client: Sender & Receiver,
  server: Sender & Receiver,
  request: Envelope = {},
  reply: Envelope = {},
): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const question = [`q${i}`, ...MULTIPART]
    await crosses(
      client,
      server,
      [...(request.sent ?? []), ...question],
      [...(request.seen ?? []), ...question],
    )
    const answer = [`a${i}`, ...MULTIPART]
    await crosses(server, client, [...(reply.sent ?? []), ...answer], [...(reply.seen ?? []), ...answer])
  }
}

/**
 * With `sub` subscribed to `A`: `pub`'s A messages reach it and B's do not; after `moveToZ` (cancel A,
 * subscribe Z) Z's do and A's no longer do.
 */
export async function subscriptionMoves(
  pub: Sender,
  sub: Receiver,
  moveToZ: () => Promise<void> | void,
): Promise<void> {
  const publish = (frames: Frames) => async () => {
    await pub.send(frames)
  }
  const first = await publishUntilReceived(publish(['A1', ...MULTIPART]), () => sub.receive())
  expect(bytes(first)).toEqual(expected(['A1', ...MULTIPART]))
  await pub.send(['B1', 'not subscribed'])
  await pub.send(['A2', ...MULTIPART])
  expect(bytes(await nextOther(() => sub.receive(), 'A1'))).toEqual(expected(['A2', ...MULTIPART]))
  // Once Z arrives, the cancel of A sent before Z's subscription has reached the publisher.
  await moveToZ()
  await publishUntilReceived(publish(['Z', 'marker']), () => untilTopic(() => sub.receive(), 'Z'))
  await pub.send(['A3', 'unsubscribed'])
  await pub.send(['Z2', 'last'])
  expect(text(await nextOther(() => sub.receive(), 'Z'))).toEqual(['Z2', 'last'])
}
