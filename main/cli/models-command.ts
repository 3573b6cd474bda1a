import type { ModelInfo } from '../api/shapes'
import { type CommandContext, only, printer } from './command-context'

// `visavis models list|catalogue|download <name>|import <path>|delete <name>`: Bergamot models under <user data>/models.

type Json = { json: boolean }
type WithCatalogue = Json & { catalogue?: string }

export async function runListModels({ options, io, open }: CommandContext<Json>): Promise<number> {
  const { call } = await open()
  const models = await call('listModels', {})
  printer(io, options.json)(
    models,
    models.length === 0 ? 'No Bergamot model is installed. See: visavis models catalogue\n' : formatModels(models),
  )
  return 0
}

export async function runCatalogue({ options, io, open }: CommandContext<WithCatalogue>): Promise<number> {
  const { call } = await open({ modelCatalogue: options.catalogue })
  const entries = await call('modelCatalogue', {})
  printer(io, options.json)(entries, formatModels(entries))
  return 0
}

export async function runDownload({ operands, options, io, open }: CommandContext<WithCatalogue>): Promise<number> {
  const name = only(operands, 'models download needs a model name, such as fren')
  const { core, call } = await open({ modelCatalogue: options.catalogue })
  const unsubscribe = core.subscribe((event) => {
    if (event.type === 'model.progress' && event.name === name) {
      io.stderr(`Downloading ${name}: ${percent(event.bytesDone, event.bytesTotal)} (${event.file})\n`)
    }
  })
  try {
    const model = await call('downloadModel', { name })
    printer(io, options.json)(model, `Installed ${model.name} (${model.from}→${model.to}, ${megabytes(model.sizeBytes)}).\n`)
  } finally {
    unsubscribe()
  }
  return 0
}

export async function runImportModels({ operands, options, io, open }: CommandContext<Json>): Promise<number> {
  const path = only(operands, 'models import needs a folder or an archive of model files')
  const { call } = await open()
  const models = await call('importModels', { path })
  printer(io, options.json)(models, models.map((model) => `Installed ${model.name} (${model.from}→${model.to}).\n`).join(''))
  return 0
}

export async function runDelete({ operands, options, io, open }: CommandContext<Json>): Promise<number> {
  const name = only(operands, 'models delete needs a model name')
  const { call } = await open()
  await call('deleteModel', { name })
  printer(io, options.json)({ deleted: name }, `Deleted ${name}.\n`)
  return 0
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
