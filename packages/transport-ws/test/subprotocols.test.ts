import { describe, expect, it } from 'vitest'
import {
  accepts,
  aliasSubprotocol,
  browserOffer,
  chooseSubprotocol,
  nodeOffer,
  parseOffer,
  rfcSubprotocol,
  ZWS_LEGACY,
} from '../src/subprotocols.js'

describe('ZWS 2.0 subprotocol names', () => {
  it('spells the RFC name with a slash and our alias with a hyphen', () => {
    expect(rfcSubprotocol('NULL')).toBe('ZWS2.0/NULL')
    expect(aliasSubprotocol('CURVE')).toBe('ZWS2.0-CURVE')
    expect(ZWS_LEGACY).toBe('ZWS2.0')
  })

  it('offers what libzmq offers from Node, and the alias first from a browser', () => {
    expect(nodeOffer('NULL')).toEqual(['ZWS2.0/NULL', 'ZWS2.0'])
    expect(nodeOffer('PLAIN')).toEqual(['ZWS2.0/PLAIN'])
    expect(browserOffer('NULL')).toEqual(['ZWS2.0-NULL', 'ZWS2.0'])
    expect(browserOffer('PLAIN')).toEqual(['ZWS2.0-PLAIN'])
  })

  it('accepts legacy mode only without a security mechanism', () => {
    expect(accepts('NULL', 'ZWS2.0')).toBe(true)
    expect(accepts('PLAIN', 'ZWS2.0')).toBe(false)
    expect(accepts('PLAIN', 'ZWS2.0-PLAIN')).toBe(true)
    expect(accepts('NULL', 'ZWS2.0/PLAIN')).toBe(false)
    expect(accepts('NULL', 'zws2.0/null')).toBe(false)
  })

  it("picks the first acceptable name in the client's order", () => {
    expect(chooseSubprotocol(['ZWS2.0/NULL', 'ZWS2.0'], 'NULL')).toBe('ZWS2.0/NULL')
    expect(chooseSubprotocol(['ZWS2.0', 'ZWS2.0-NULL'], 'NULL')).toBe('ZWS2.0')
    expect(chooseSubprotocol(['chat', 'ZWS2.0-NULL'], 'NULL')).toBe('ZWS2.0-NULL')
    expect(chooseSubprotocol(['ZWS2.0'], 'CURVE')).toBeUndefined()
    expect(chooseSubprotocol([], 'NULL')).toBeUndefined()
  })

  it('splits a header into trimmed names', () => {
    expect(parseOffer('ZWS2.0/NULL,ZWS2.0')).toEqual(['ZWS2.0/NULL', 'ZWS2.0'])
    expect(parseOffer(' ZWS2.0-NULL , ZWS2.0 ,')).toEqual(['ZWS2.0-NULL', 'ZWS2.0'])
    expect(parseOffer(undefined)).toEqual([])
  })
})
