import { curveKeyPair } from '@zmtp/core'
import type { Command } from 'commander'
import { utf8 } from '../formats/bytes.js'
import { examples } from './common-options.js'
import type { TaskSink } from './task.js'

/** Registers `zmtp keygen`: a new CURVE key pair in Z85, as `zmq_curve_keypair` makes it. */
export function registerKeygen(program: Command, sink: TaskSink): void {
  program
    .command('keygen')
    .summary('print a new CURVE key pair in Z85')
    .description(
      'Prints a new CURVE key pair as 40-character Z85 strings, the form libzmq, pyzmq and zeromq.js take. ' +
        'Give the secret key to --curve-secret-key and the public key to the peers (--curve-server-key).',
    )
    .option('-j, --json', 'print {"publicKey": ..., "secretKey": ...}')
    .addHelpText('after', examples(['zmtp keygen', 'zmtp keygen --json > server-keys.json']))
    .action((flags: { json?: boolean }) =>
      sink(async (ctx) => {
        const pair = curveKeyPair()
        const text = flags.json
          ? JSON.stringify(pair)
          : `public: ${pair.publicKey}\nsecret: ${pair.secretKey}`
        await ctx.stdout.write(utf8(`${text}\n`))
        return 0
      }),
    )
}
