import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'

import { z } from 'zod'

import { readSettings } from '../api/settings'
import { applySettingsPatch, type Settings, type SettingsPatch } from '../api/settings-shape'
import { writeJsonAtomic } from './fs/atomic-write'
import { assertWritable, readJsonFile, type StoredFileKind } from './fs/json-file'

/** Settings are read value by value (see readSettings); a file a newer app marked with a higher version is not written over. */
export const settingsFile: StoredFileKind<unknown> = { schema: z.unknown(), version: 1 }

/** `<userData>/settings.json`: read once, written atomically on every change. */
export class SettingsStore {
  private readonly listeners = new Set<(settings: Settings) => void>()
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private current: Settings,
    private readonly stored: unknown,
  ) {}

  static async open(userDataDir: string): Promise<SettingsStore> {
    const file = join(userDataDir, 'settings.json')
    const stored = await readJsonFile(file, settingsFile).catch(() => null)
    return new SettingsStore(file, readSettings(stored), stored)
  }

  get(): Settings {
    return this.current
  }

  onChange(listener: (settings: Settings) => void): void {
    this.listeners.add(listener)
  }

  /**
   * Changes build on each other in the order they come, and are written in that order; a change that cannot be
   * written is undone (with the ones made after it), so the settings in use are always those on disk.
   */
  update(patch: SettingsPatch): Promise<Settings> {
    assertWritable(this.file, this.stored, settingsFile)
    const before = this.current
    const next = applySettingsPatch(before, patch)
    this.current = next
    const written = this.writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.file), { recursive: true })
        await writeJsonAtomic(this.file, next)
      })
    this.writing = written
    return written.then(
      () => {
        for (const listener of this.listeners) listener(next)
        return next
      },
      (error: unknown) => {
        this.current = before
        throw error
      },
    )
  }
}
