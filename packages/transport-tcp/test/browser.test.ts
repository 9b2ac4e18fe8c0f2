import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ErrorCode, isZmtpError } from '@zmtp/core'
import { describe, expect, it } from 'vitest'
import { tcp } from '../src/browser.js'

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src')

/** Every module specifier the file and the local files it imports pull in. */
function importsOf(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return []
  seen.add(file)
  const source = readFileSync(join(src, file), 'utf8')
  const specifiers = [...source.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map((m) => m[1])
  return specifiers.flatMap((specifier) =>
    specifier.startsWith('./') ? importsOf(specifier.slice(2).replace(/\.js$/, '.ts'), seen) : [specifier],
  )
}

describe('browser build', () => {
  it('throws ERR_TRANSPORT_UNSUPPORTED when called', () => {
    let thrown: unknown
    try {
      tcp()
    } catch (error) {
      thrown = error
    }
    expect(isZmtpError(thrown, ErrorCode.TransportUnsupported)).toBe(true)
    expect((thrown as Error).message).toContain('@zmtp/transport-ws')
  })

  it('imports nothing from Node', () => {
    expect(importsOf('browser.ts')).toEqual(expect.arrayContaining(['@zmtp/core']))
    expect(new Set(importsOf('browser.ts'))).toEqual(new Set(['@zmtp/core']))
  })

  it('exports the same names as the Node build', async () => {
    const node = await import('../src/index.js')
    const browser = await import('../src/browser.js')
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort())
  })
})
