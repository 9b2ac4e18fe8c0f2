import { EndpointError } from '../errors.js'
import type { EndpointUrl } from './endpoint.js'

/**
 * Cuts an endpoint URL into its scheme and the rest.
 *
 * @throws {@link EndpointError} when there is no `://` or no scheme before it.
 */
export function splitEndpointUrl(url: string): EndpointUrl {
  const separator = url.indexOf('://')
  if (separator < 0) throw new EndpointError(url, "missing '://' after the scheme")
  if (separator === 0) throw new EndpointError(url, 'missing scheme')
  return { scheme: url.slice(0, separator), rest: url.slice(separator + 3) }
}

/**
 * The part of `url` after `scheme://`, for a transport's `parse`. Fails when the URL has another scheme,
 * which only happens when a transport is called directly rather than through {@link resolveTransport}.
 *
 * @throws {@link EndpointError} naming the schemes expected.
 */
export function endpointRest(url: string, schemes: readonly string[]): EndpointUrl {
  const parts = splitEndpointUrl(url)
  if (!schemes.includes(parts.scheme)) {
    throw new EndpointError(url, `scheme '${parts.scheme}' is not ${schemes.join(' or ')}`)
  }
  return parts
}
