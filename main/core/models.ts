import { stat } from 'node:fs/promises'
import { basename } from 'node:path'

import { ApiError } from '../api/errors'
import type { ApiEvent, CatalogueEntry, ModelInfo } from '../api/shapes'
import { createModelManager, type ModelManager } from './translation/bergamot/model-manager'
import type { InstalledModel } from './translation/bergamot/model-manifest'

export interface ModelServiceOptions {
  modelsDir: string
  /** The model catalogue (a registry URL or file); by default Firefox Translations' registry, then bergamot-translator's. */
  catalogue?: string
  fetch?: typeof fetch
  emit: (event: ApiEvent) => void
}

/** The contract's side of the model manager: plain data out, progress as events, one download per model at a time. */
export function createModelService({ modelsDir, catalogue, fetch, emit }: ModelServiceOptions) {
  const manager: ModelManager = createModelManager({ modelsDir, catalogues: catalogue ? [catalogue] : undefined, fetch })
  const downloads = new Map<string, AbortController>()

  const changed = <T>(result: T): T => {
    emit({ type: 'models.changed' })
    return result
  }

  return {
    listModels: async (): Promise<ModelInfo[]> => (await manager.list()).map(infoOf),

    async modelCatalogue(): Promise<CatalogueEntry[]> {
      const installed = new Set((await manager.list()).map((model) => `${model.name}@${model.version}`))
      const { source, models } = await manager.catalogue()
      return models.map((model) => ({
        name: model.name,
        from: model.from,
        to: model.to,
        version: model.version,
        sizeBytes: model.files.reduce((sum, file) => sum + file.size, 0),
        transferBytes: model.files.reduce((sum, file) => sum + file.transferSize, 0),
        installed: installed.has(`${model.name}@${model.version}`),
        catalogueSource: source,
      }))
    },

    async downloadModel({ name }: { name: string }): Promise<ModelInfo> {
      if (downloads.has(name)) throw new ApiError('invalid_input', `The model ${name} is already downloading.`)
      const controller = new AbortController()
      downloads.set(name, controller)
      try {
        const model = await manager.download(name, {
          signal: controller.signal,
          onProgress: (progress) =>
            emit({ type: 'model.progress', name, file: progress.file, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal }),
        })
        return changed(infoOf(model))
      } catch (error) {
        if (controller.signal.aborted)
          throw new ApiError('invalid_input', `The download of ${name} was cancelled; it resumes where it stopped.`)
        throw error
      } finally {
        downloads.delete(name)
      }
    },

    cancelModelDownload({ name }: { name: string }): null {
      downloads.get(name)?.abort()
      return null
    },

    async importModels({ path }: { path: string }): Promise<ModelInfo[]> {
      // A missing path goes the way its name says, so it is answered as one that exists but cannot be read.
      const info = await stat(path).catch(() => null)
      const isFolder = info ? info.isDirectory() : !/\.\w+$/.test(basename(path))
      const models = isFolder ? await manager.importFromFolder(path) : await manager.importFromArchive(path)
      return changed(models.map(infoOf))
    },

    async deleteModel({ name }: { name: string }): Promise<null> {
      await manager.delete(name)
      return changed(null)
    },
  }
}

function infoOf(model: InstalledModel): ModelInfo {
  const sizeBytes = Object.values(model.files).reduce((sum, file) => sum + (file?.size ?? 0), 0)
  return { name: model.name, from: model.from, to: model.to, version: model.version, sizeBytes }
}
