import type { CatalogueEntry, ModelInfo } from '../api/shapes'
import type { Core } from '../core/core'
import type { CliIo } from './cli'
import { UsageError } from './options'
import type { Call } from './contract-call'

/** `visavis models list|catalogue|download <name>|import <path>|delete <name>`. */
export async function runModels(args: string[], core: Core, call: Call, io: CliIo, json: boolean): Promise<number> {
  const [action, target, ...extra] = args
  const print = (value: unknown, human: string) => io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : human)
  const needsTarget = (what: string) => {
    if (!target || extra.length > 0) throw new UsageError(`models ${action} needs ${what}`)
    return target
  }
  switch (action) {
    case 'list': {
      const models = (await call('listModels', {})) as ModelInfo[]
      print(models, models.length === 0 ? 'No Bergamot model is installed. See: visavis models catalogue\n' : formatModels(models))
      return 0
    }
    case 'catalogue': {
      const entries = (await call('modelCatalogue', {})) as CatalogueEntry[]
      print(entries, formatModels(entries))
      return 0
    }
    case 'download': {
      const name = needsTarget('a model name, such as fren')
      const unsubscribe = core.subscribe((event) => {
        if (event.type === 'model.progress' && event.name === name) {
          io.stderr(`Downloading ${name}: ${percent(event.bytesDone, event.bytesTotal)} (${event.file})\n`)
        }
      })
      try {
        const model = (await call('downloadModel', { name })) as ModelInfo
        print(model, `Installed ${model.name} (${model.from}→${model.to}, ${megabytes(model.sizeBytes)}).\n`)
      } finally {
        unsubscribe()
      }
      return 0
    }
    case 'import': {
      const models = (await call('importModels', { path: needsTarget('a folder or an archive of model files') })) as ModelInfo[]
      print(models, models.map((model) => `Installed ${model.name} (${model.from}→${model.to}).\n`).join(''))
      return 0
    }
    case 'delete': {
      const name = needsTarget('a model name')
      await call('deleteModel', { name })
      print({ deleted: name }, `Deleted ${name}.\n`)
      return 0
    }
    default:
      throw new UsageError('models needs one of: list, catalogue, download <name>, import <path>, delete <name>')
  }
}

function formatModels(models: (ModelInfo & { installed?: boolean })[]): string {
  return models
    .map(
      (m) =>
        `${m.name.padEnd(8)} ${`${m.from}→${m.to}`.padEnd(8)} ${megabytes(m.sizeBytes).padStart(8)}  ${m.version}${m.installed ? '  (installed)' : ''}\n`,
    )
    .join('')
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function percent(done: number, total: number): string {
  return total > 0 ? `${Math.floor((100 * done) / total)} %` : megabytes(done)
}
