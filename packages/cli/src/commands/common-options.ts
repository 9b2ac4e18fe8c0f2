import type { Command } from 'commander'
import { FORMAT_NAMES, FORMAT_SUMMARIES } from '../formats/format.js'
import { collect, duration, integer } from '../parse-values.js'

/** `--bind` and `--connect`, repeatable. */
export function endpointOptions(command: Command): Command {
  return command
    .option('-b, --bind <url>', 'listen on URL (repeatable); port * picks a free one', collect)
    .option('-c, --connect <url>', 'connect to URL (repeatable); reconnects until it works', collect)
}

/** `--format` and `--delimiter`, as kcat names them. */
export function formatOptions(command: Command): Command {
  const formats = FORMAT_NAMES.map((name) => `${name}: ${FORMAT_SUMMARIES[name]}`).join('; ')
  return command
    .option('-f, --format <name>', `message format of stdin and stdout (${formats})`, 'text')
    .option('-d, --delimiter <string>', 'between the frames of a message; \\t, \\xHH escapes work', '\\t')
}

/** Socket options: queue limits, linger, routing id, TLS files, security, WebRTC signaling, verbosity. */
export function socketOptions(command: Command): Command {
  return command
    .option('--send-hwm <n>', 'most messages queued per peer for sending (0: no limit)', integer(0))
    .option('--receive-hwm <n>', 'most messages queued per peer after receiving (0: no limit)', integer(0))
    .option(
      '--linger <duration>',
      'how long queued messages may take to leave at exit (-1: until sent)',
      duration(true),
    )
    .option('--routing-id <id>', 'this socket’s identity, as routers see it (1 to 255 octets)')
    .option(
      '--reconnect <duration>',
      'wait between reconnection attempts (-1: never reconnect)',
      duration(true),
    )
    .option('--tls-cert <file>', 'wss:// bind: the server certificate (PEM)')
    .option('--tls-key <file>', 'wss:// bind: the server key (PEM)')
    .option('--tls-ca <file>', 'wss:// connect: a CA certificate to trust (PEM)')
    .option('--insecure', 'wss:// connect: accept any server certificate')
    .option('--curve-server', 'CURVE server: needs --curve-secret-key')
    .option('--curve-secret-key <z85>', 'CURVE: this socket’s secret key (from zmtp keygen)')
    .option('--curve-public-key <z85>', 'CURVE client: this socket’s public key (a fresh pair when absent)')
    .option('--curve-server-key <z85>', 'CURVE client: the server’s public key')
    .option(
      '--curve-allow <z85>',
      'CURVE server: a client public key to let in (repeatable; all when absent)',
      collect,
    )
    .option('--plain-server', 'PLAIN server: needs --plain-allow')
    .option('--plain-allow <user:password>', 'PLAIN server: credentials to let in (repeatable)', collect)
    .option('--plain-user <name>', 'PLAIN client: the user name')
    .option('--plain-password <password>', 'PLAIN client: the password (sent in the clear)')
    .option(
      '--signal <url>',
      'webrtc://: the signaling server (zmtp signal) to meet peers through, at tcp:// or ws:// URL',
    )
    .option('--ice-server <url>', 'webrtc://: a STUN or TURN server, stun:host:port (repeatable)', collect)
    .option('-v, --verbose', 'print the socket’s monitor events on stderr')
}

/** `--count` and `--timeout`. */
export function limitOptions(command: Command, counted: string): Command {
  return command
    .option('-n, --count <n>', `stop after ${counted}`, integer(1))
    .option(
      '-t, --timeout <duration>',
      'give up (exit 3) when a send or receive waits longer than this',
      duration(),
    )
}

/** `--data`, `--interval` and `--wait`, for commands that send. */
export function sendOptions(command: Command): Command {
  return command
    .option(
      '-D, --data <message>',
      'send this message instead of reading stdin (once, --count times, or each --interval)',
    )
    .option('-i, --interval <duration>', 'wait this long between sends; with --data, repeat it', duration())
    .option(
      '-w, --wait',
      'wait for a peer’s handshake before the first send (messages sent earlier may be dropped)',
    )
}

/** Help text lines under `Examples:`. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`
}
