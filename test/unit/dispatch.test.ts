import { describe, expect, it, vi } from 'vitest'

import { type Api, contract, methodNames } from '../../main/api/contract'
import { createDispatcher } from '../../main/api/dispatch'
import { ApiError } from '../../main/api/errors'

function fakeApi(overrides: Partial<Api> = {}): Api {
  const refuse = async () => {
    throw new Error('not expected in this test')
  }
  return { ...(Object.fromEntries(methodNames.map((name) => [name, refuse])) as unknown as Api), ...overrides }
}

describe('createDispatcher', () => {
  it('passes validated arguments to the core and wraps the result', async () => {
    const getArticle = vi.fn(async ({ id }: { id: string }) => ({ id }) as never)
    const dispatch = createDispatcher(fakeApi({ getArticle }))
    expect(await dispatch('getArticle', { id: '0123456789abcdef' })).toEqual({ ok: true, result: { id: '0123456789abcdef' } })
    expect(getArticle).toHaveBeenCalledWith({ id: '0123456789abcdef' })
  })

  it.each([
    ['getArticle', { id: 42 }],
    ['getArticle', { id: '../../etc/passwd' }],
    ['getArticle', { id: '0123456789abcdef', extra: true }],
    ['importText', { text: ['not', 'a', 'string'] }],
    ['importFile', { fileName: 'a.txt', base64: '***' }],
    ['importFile', null],
    ['listArticles', 'hello'],
  ])('answers invalid_input for %s(%j) without calling the core', async (method, args) => {
    const dispatch = createDispatcher(fakeApi())
    const envelope = await dispatch(method, args)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(method) } })
  })

  it.each(['nope', 'constructor', '__proto__', 'toString'])('answers not_found for the unknown method %s', async (method) => {
    expect(await createDispatcher(fakeApi())(method, {})).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('passes core errors through as data', async () => {
    const dispatch = createDispatcher(
      fakeApi({
        getArticle: async () => {
          throw new ApiError('not_found', 'No such article.')
        },
      }),
    )
    expect(await dispatch('getArticle', { id: '0123456789abcdef' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such article.' },
    })
  })

  it('hides the detail of unexpected errors from the caller and logs it', async () => {
    const logError = vi.fn()
    const dispatch = createDispatcher(fakeApi({ listArticles: async () => Promise.reject(new Error('disk on fire at /secret/path')) }), {
      logError,
    })
    const envelope = await dispatch('listArticles', {})
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(envelope)).not.toContain('/secret/path')
    expect(logError).toHaveBeenCalledOnce()
  })

  it('declares every method with an argument schema', () => {
    for (const name of methodNames) expect(typeof contract[name].args.safeParse).toBe('function')
  })
})
