import { join, relative } from 'node:path'

import {
  app,
  type BrowserWindow,
  dialog,
  Menu,
  type MenuItemConstructorOptions,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron'

import { type ExportFormat, exportFormats } from '../api/contract'
import { detailOf } from '../api/errors'
import type { ReadingLayout, Settings, SettingsPatch } from '../api/settings-shape'
import type { Core } from '../core/core'
import { writeFileAtomic } from '../core/fs/atomic-write'
import { articleFilesUnder } from '../core/import/article-files'
import { importPaths } from '../core/import/import-paths'
import { IMPORTABLE_EXTENSIONS } from '../core/import/importer'
import { routeHashFor } from './deep-link'
import { summarizeImport } from './file-import'
import {
  aboutText,
  EXPORT_LABELS,
  exportFilter,
  LAYOUT_LABELS,
  MENU_ACCELERATORS,
  PRODUCT_NAME,
  shortcutsHelpText,
  THEME_LABELS,
} from './menu-text'

/** What the menu acts on: the core, the main window, and a way to send the renderer to a route. */
export interface Shell {
  core: Core
  getWindow(): BrowserWindow | null
  /** Shows a renderer route: `#/`, `#/notes`, `#/settings`, `#/article/<id>/p3`. */
  navigate(hash: string): void
}

const isMac = process.platform === 'darwin'

/** Sets the application menu, and rebuilds it when the layout or the theme changes, so its radio items stay true. */
export async function installMenu(shell: Shell): Promise<void> {
  let shown: Settings = await shell.core.getSettings({})
  Menu.setApplicationMenu(buildMenu(shell, shown))
  shell.core.subscribe((event) => {
    if (event.type !== 'settings.changed') return
    const { theme, reading } = event.settings
    if (theme === shown.theme && reading.layout === shown.reading.layout && reading.swapSides === shown.reading.swapSides) return
    shown = event.settings
    Menu.setApplicationMenu(buildMenu(shell, shown))
  })
}

function buildMenu(shell: Shell, settings: Settings): Menu {
  const update = (patch: SettingsPatch) =>
    void shell.core.updateSettings({ patch }).catch((error: unknown) => showError(shell, 'The setting could not be changed.', error))
  const about: MenuItemConstructorOptions = { label: `About ${PRODUCT_NAME}`, click: () => void showAbout(shell) }
  const settingsItem: MenuItemConstructorOptions = {
    label: isMac ? 'Settings…' : 'Settings',
    accelerator: MENU_ACCELERATORS.settings,
    click: () => shell.navigate('#/settings'),
  }
  const layouts = Object.keys(LAYOUT_LABELS) as ReadingLayout[]
  const themes = Object.keys(THEME_LABELS) as Settings['theme'][]

  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              about,
              { type: 'separator' },
              settingsItem,
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Files…', accelerator: MENU_ACCELERATORS.importFiles, click: () => void importFromDialog(shell, 'files') },
        { label: 'Import Folder…', accelerator: MENU_ACCELERATORS.importFolder, click: () => void importFromDialog(shell, 'folder') },
        { type: 'separator' },
        {
          label: 'Export Notes',
          submenu: exportFormats.map((format) => ({ label: EXPORT_LABELS[format], click: () => void exportNotes(shell, format) })),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Library', accelerator: MENU_ACCELERATORS.library, click: () => shell.navigate('#/') },
        { label: 'Notes', accelerator: MENU_ACCELERATORS.notes, click: () => shell.navigate('#/notes') },
        ...(isMac ? [] : [settingsItem]),
        { type: 'separator' },
        {
          label: 'Layout',
          submenu: layouts.map((layout) => ({
            label: LAYOUT_LABELS[layout],
            type: 'radio',
            checked: settings.reading.layout === layout,
            click: () => update({ reading: { layout } }),
          })),
        },
        {
          label: 'Swap Sides',
          type: 'checkbox',
          checked: settings.reading.swapSides,
          click: (item) => update({ reading: { swapSides: item.checked } }),
        },
        {
          label: 'Theme',
          submenu: themes.map((theme) => ({
            label: THEME_LABELS[theme],
            type: 'radio',
            checked: settings.theme === theme,
            click: () => update({ theme }),
          })),
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        // Developer tools only in development: a packaged app offers no way into the page's internals.
        ...(app.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
    ...(isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      role: 'help',
      label: '&Help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: MENU_ACCELERATORS.shortcuts, click: () => void showShortcuts(shell) },
        { type: 'separator' },
        about,
      ],
    },
  ]
  return Menu.buildFromTemplate(template)
}

async function messageBox(shell: Shell, options: MessageBoxOptions): Promise<void> {
  const window = shell.getWindow()
  await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options))
}

function showError(shell: Shell, message: string, error: unknown): void {
  void messageBox(shell, { type: 'error', title: PRODUCT_NAME, message, detail: detailOf(error) })
}

async function showAbout(shell: Shell): Promise<void> {
  const { message, detail } = aboutText({
    app: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
  })
  await messageBox(shell, { type: 'info', title: `About ${PRODUCT_NAME}`, message, detail, buttons: ['OK'] })
}

async function showShortcuts(shell: Shell): Promise<void> {
  await messageBox(shell, {
    type: 'none',
    title: 'Keyboard Shortcuts',
    message: 'Keyboard shortcuts',
    detail: shortcutsHelpText(process.platform),
    buttons: ['OK'],
  })
}

/** File → Import Files… / Import Folder…: the native open dialog, then the files' bytes go to the core's import. */
async function importFromDialog(shell: Shell, kind: 'files' | 'folder'): Promise<void> {
  const options: OpenDialogOptions =
    kind === 'files'
      ? {
          title: 'Import Articles',
          buttonLabel: 'Import',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: 'Articles (.html, .txt, .md)', extensions: IMPORTABLE_EXTENSIONS.map((extension) => extension.slice(1)) },
            { name: 'All Files', extensions: ['*'] },
          ],
        }
      : { title: 'Import a Folder of Articles', buttonLabel: 'Import', properties: ['openDirectory'] }
  const window = shell.getWindow()
  const chosen = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options))
  if (chosen.canceled || chosen.filePaths.length === 0) return
  try {
    if (kind === 'files') return await importAndReport(shell, chosen.filePaths)
    const folder = chosen.filePaths[0]!
    await importAndReport(shell, await articleFilesUnder(folder), (path) => relative(folder, path))
  } catch (error) {
    showError(shell, 'The import failed.', error)
  }
}

/**
 * Imports files (from the dialog, a folder, or a file opened with the app), with progress on the taskbar icon: one
 * article opens in the reader; several show the library and a summary, with the reason for each failure.
 */
export async function importAndReport(shell: Shell, paths: string[], nameOf?: (path: string) => string): Promise<void> {
  const window = shell.getWindow()
  const outcomes = await importPaths(paths, (files) => shell.core.importFiles({ files }), {
    ...(nameOf ? { nameOf } : {}),
    onProgress: (done) => window?.setProgressBar(paths.length > 0 ? done / paths.length : -1),
  })
  window?.setProgressBar(-1)
  const summary = summarizeImport(outcomes)
  if (summary.openArticleId) return shell.navigate(routeHashFor({ articleId: summary.openArticleId, paragraphId: null }))
  shell.navigate('#/')
  await messageBox(shell, {
    type: summary.failed > 0 ? 'warning' : 'info',
    title: PRODUCT_NAME,
    message: summary.message,
    ...(summary.detail ? { detail: summary.detail } : {}),
    buttons: ['OK'],
  })
}

/** File → Export Notes → <format>: the core writes the export, the native save dialog says where it goes. */
async function exportNotes(shell: Shell, format: ExportFormat): Promise<void> {
  try {
    const file = await shell.core.exportAnnotations({ format })
    const options: SaveDialogOptions = {
      title: 'Export Notes',
      defaultPath: join(app.getPath('documents'), file.fileName),
      filters: [exportFilter(format, file.fileName)],
    }
    const window = shell.getWindow()
    const target = await (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options))
    if (target.canceled || !target.filePath) return
    await writeFileAtomic(target.filePath, file.content)
  } catch (error) {
    showError(shell, 'The notes could not be exported.', error)
  }
}
