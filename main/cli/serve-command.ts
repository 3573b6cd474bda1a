import type { EngineId } from '../api/shapes'
import { type CommandContext, libreTranslateSetting, printer } from './command-context'

export interface ServeOptions {
  port?: number
  to?: string
  engine?: EngineId
  catalogue?: string
  libretranslateUrl?: string
  libretranslateKey?: string
  json: boolean
}

/** `visavis serve`: the browser host on 127.0.0.1, until interrupted. */
export async function runServe({ io, options, open, staticDir }: CommandContext<ServeOptions>): Promise<number> {
  const { core } = await open({
    defaults: { engine: options.engine, to: options.to },
    modelCatalogue: options.catalogue,
    ...libreTranslateSetting(options),
    watch: true,
    warmEngines: true,
  })
  const { startHost } = await import('../host/server')
  const host = await startHost({ core, staticDir, port: options.port ?? 0 })
  printer(io, options.json)({ url: host.url }, `Vis-à-vis is served at ${host.url}\nOpen it in a browser; press Ctrl+C to stop.\n`)
  await io.untilInterrupted()
  await host.close()
  return 0
}
