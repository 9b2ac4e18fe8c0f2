import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const packages = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
/** Our packages a `zeromq` install needs, by directory under packages/. */
const ours = ['core', 'patterns', 'transport-tcp', 'transport-ws', 'zeromq']

/**
 * A program written for zeromq.js 6 (CommonJS, `require('zeromq')`), unchanged: Request/Reply,
 * Publisher/Subscriber and Push/Pull workers over tcp and ipc. It exits by itself.
 */
const program = `
const zmq = require('zeromq')
const { tmpdir } = require('os')
const { join } = require('path')

async function requestReply() {
  const rep = new zmq.Reply()
  await rep.bind('tcp://127.0.0.1:*')
  const req = new zmq.Request({ receiveTimeout: 5000 })
  req.connect(rep.lastEndpoint)
  await req.send('ping')
  const [question] = await rep.receive()
  await rep.send(Buffer.concat([question, Buffer.from('/pong')]))
  const [answer] = await req.receive()
  req.close()
  rep.close()
  return answer.toString()
}

async function pubSub() {
  const pub = new zmq.Publisher()
  const address = 'ipc://' + join(tmpdir(), 'zeromq-alias-' + process.pid)
  await pub.bind(address)
  const sub = new zmq.Subscriber()
  sub.connect(address)
  sub.subscribe('kitty')
  const received = (async () => {
    for await (const [topic, body] of sub) return topic + ':' + body
  })()
  while (true) {
    await pub.send(['kitty', 'meow'])
    const done = await Promise.race([received, new Promise((r) => setTimeout(r, 20))])
    if (done) {
      sub.close()
      pub.close()
      return done
    }
  }
}

async function workers() {
  const push = new zmq.Push()
  await push.bind('tcp://127.0.0.1:*')
  const pulls = [new zmq.Pull(), new zmq.Pull()]
  for (const pull of pulls) pull.connect(push.lastEndpoint)
  let total = 0
  let count = 0
  let finish
  const finished = new Promise((resolve) => (finish = resolve))
  for (const pull of pulls) {
    ;(async () => {
      for await (const [n] of pull) {
        total += Number(n.toString())
        if (++count === 10) finish()
      }
    })()
  }
  for (let i = 0; i < 10; i++) await push.send(String(i))
  await finished
  for (const pull of pulls) pull.close()
  push.close()
  return total
}

async function main() {
  console.log('req/rep', await requestReply())
  console.log('pub/sub', await pubSub())
  console.log('push/pull', await workers())
  try {
    new zmq.Dealer().connect('foo://bar')
  } catch (err) {
    console.log('error', err.code, err.errno, err.message)
  }
}

main()
`

describe('installed from packed tarballs under the name zeromq', () => {
  let scratch: string
  let app: string

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'zmtp-zeromq-pack-'))
    for (const dir of ours) {
      await run('pnpm', ['pack', '--pack-destination', scratch], { cwd: join(packages, dir) })
    }
    const tarballs = (await readdir(scratch)).filter((name) => name.endsWith('.tgz'))
    const dependencies: Record<string, string> = {}
    for (const tarball of tarballs) {
      const name = tarball.replace(/^zmtp-(.*)-\d+\.\d+\.\d+\.tgz$/, '@zmtp/$1')
      // The alias: `zeromq` is our package, as `npm i zeromq@npm:@zmtp/zeromq` would install it.
      dependencies[name === '@zmtp/zeromq' ? 'zeromq' : name] = `file:../${tarball}`
    }
    app = join(scratch, 'app')
    await mkdir(app)
    await writeFile(join(app, 'package.json'), JSON.stringify({ private: true, dependencies }))
    await writeFile(join(app, 'program.js'), program)
    // Our packages come from the tarballs; their few third-party dependencies (ws, @noble/*) from
    // npm's cache when it has them, else from the registry.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: app,
      timeout: 240_000,
    })
  }, 300_000)

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true })
  })

  it('runs an unchanged zeromq.js program with require("zeromq")', async () => {
    const { stdout } = await run(process.execPath, ['program.js'], { cwd: app, timeout: 60_000 })
    expect(stdout).toContain('req/rep ping/pong')
    expect(stdout).toContain('pub/sub kitty:meow')
    expect(stdout).toContain('push/pull 45')
    expect(stdout).toContain('error EPROTONOSUPPORT 93 Protocol not supported')
  }, 90_000)

  it('is importable from an ES module by name and by default import', async () => {
    const script = `import zmq, { Dealer, version } from 'zeromq'
console.log(version, typeof Dealer, typeof zmq.Dealer)`
    await writeFile(join(app, 'import.mjs'), script)
    const { stdout } = await run(process.execPath, ['import.mjs'], { cwd: app, timeout: 60_000 })
    expect(stdout.trim()).toBe('4.3.5 function function')
  }, 90_000)
})
