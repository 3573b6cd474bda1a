import { lookup } from 'node:dns/promises'
import { BlockList, isIP, type LookupFunction } from 'node:net'

import { ApiError } from '../../api/errors'
import { MAX_IMPORT_BYTES } from '../../api/shapes'

export const FETCH_TIMEOUT_MS = 20_000
const MAX_REDIRECTS = 5

export interface FetchOptions {
  timeoutMs?: number
  /** The user confirmed that the page may be on this computer or its local network. */
  allowPrivateAddress?: boolean
  /** Resolves a host name to its addresses (the system's resolver by default). */
  resolve?: (host: string) => Promise<string[]>
}

/** Addresses a web page import must not reach unasked: this computer, the local network, and what is not routable. */
const PRIVATE_NETWORKS = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const)
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv6')

export function isPrivateAddress(address: string): boolean {
  const mappedV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mappedV4) return isPrivateAddress(mappedV4)
  const family = isIP(address)
  return family === 0 || PRIVATE_NETWORKS.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

const systemResolve = async (host: string) => (await lookup(host, { all: true })).map((entry) => entry.address)

export interface FetchedPage {
  bytes: Uint8Array
  contentType: string
  finalUrl: string
}

/**
 * Fetches a web page for import: http(s) only, a timeout, a size cap checked while the body streams in, and, unless
 * the user allowed it, no address on this computer or the local network, checked at every redirect and again when
 * the connection is made (a name may answer a public address to the check and a private one to the connection).
 */
export async function fetchPage(url: string, fetchImpl: typeof fetch, options: FetchOptions = {}): Promise<FetchedPage> {
  const { timeoutMs = FETCH_TIMEOUT_MS, allowPrivateAddress = false, resolve = systemResolve } = options
  let parsed = webAddress(url)
  const signal = AbortSignal.timeout(timeoutMs)
  // Loaded here, not at start-up: every CLI command would pay some 80 ms for it.
  const { Agent } = await import('undici')
  const publicOnly = allowPrivateAddress ? undefined : new Agent({ connect: { lookup: publicOnlyLookup(url, resolve) } })
  try {
    let response: Response
    for (let redirects = 0; ; redirects++) {
      if (!allowPrivateAddress) await assertPublic(parsed, url, resolve)
      const init = { signal, redirect: 'manual', headers: { Accept: 'text/html,text/plain;q=0.9' }, dispatcher: publicOnly } as const
      response = await fetchImpl(parsed, init)
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null
      if (!location) break
      if (redirects === MAX_REDIRECTS) throw new ApiError('invalid_input', `${url} redirects more than ${MAX_REDIRECTS} times.`)
      parsed = webAddress(new URL(location, parsed).href)
    }
    if (!response.ok) throw new ApiError('invalid_input', `${url} answered ${response.status} ${response.statusText}.`)
    const contentType = response.headers.get('content-type') ?? ''
    if (contentType && !/^(text\/|application\/xhtml)/i.test(contentType)) {
      throw new ApiError('invalid_input', `${url} is not a web page or text (${contentType.split(';')[0]}).`)
    }
    return { bytes: await readCapped(response, url), contentType, finalUrl: parsed.href }
  } catch (error) {
    if (error instanceof ApiError) throw error
    if (error instanceof Error && error.cause instanceof ApiError) throw error.cause
    if (signal.aborted) throw new ApiError('invalid_input', `${url} did not answer within ${timeoutMs / 1000} s.`)
    throw new ApiError('invalid_input', `${url} could not be fetched: are you online?`, String(error))
  } finally {
    await publicOnly?.close()
  }
}

function webAddress(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : null
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    throw new ApiError('invalid_input', `${url} is not a web address (http:// or https://).`)
  }
  return parsed
}

async function assertPublic(address: URL, asked: string, resolve: (host: string) => Promise<string[]>): Promise<void> {
  const host = address.hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) ? [host] : await resolve(host)
  if (addresses.some(isPrivateAddress)) throw privateAddress(asked, host)
}

/** The connection's own name lookup: it connects to the addresses it checked, never to others resolved later. */
function publicOnlyLookup(asked: string, resolve: (host: string) => Promise<string[]>): LookupFunction {
  return (host, options, callback) => {
    resolve(host).then(
      (addresses) => {
        if (addresses.length === 0 || addresses.some(isPrivateAddress)) return callback(privateAddress(asked, host), '', 0)
        if (options.all)
          return callback(
            null,
            addresses.map((address) => ({ address, family: isIP(address) })),
          )
        callback(null, addresses[0]!, isIP(addresses[0]!))
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    )
  }
}

function privateAddress(asked: string, host: string): ApiError {
  return new ApiError('invalid_input', {
    messageCode: 'private_address',
    params: { url: asked, host },
    message: `${asked} leads to ${host}, on this computer or its local network. Import it only if you trust it: confirm, or pass --allow-private-address.`,
  })
}

async function readCapped(response: Response, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > MAX_IMPORT_BYTES) throw tooLarge(url)
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body ?? []) {
    size += chunk.length
    if (size > MAX_IMPORT_BYTES) throw tooLarge(url)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function tooLarge(url: string): ApiError {
  return new ApiError('invalid_input', `${url} is over 20 MB: too large to be an article.`)
}
