import { homedir } from 'node:os'
import { join } from 'node:path'

/** The name Electron derives the user-data folder from; the CLI and the app must agree on it. */
export const APP_FOLDER_NAME = 'Vis-a-vis'

/** Electron's `app.getPath('userData')` for our app name, computed without Electron so the CLI finds the same place. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME)
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_FOLDER_NAME)
}

export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(defaultUserDataDir(env, platform), 'library')
}
