/**
 * The words of the native menu and its boxes (About, Keyboard shortcuts, export formats), kept apart from the
 * Electron calls so they are unit tested, and checked against the renderer's own shortcut list.
 */
import type { ExportFormat } from '../api/contract'
import type { ReadingLayout, Settings } from '../api/settings-shape'
import { LIBRARY_SHORTCUTS, type LibraryAction, READER_SHORTCUTS, type ReaderAction, type Shortcut } from '../api/shortcuts'

export const PRODUCT_NAME = 'Vis-à-vis'

/** The menu's words for the reader's and the library's shortcuts (their keys are the renderer's, from api/shortcuts). */
const READER_LABELS: Record<ReaderAction, string> = {
  nextParagraph: 'Next paragraph',
  previousParagraph: 'Previous paragraph',
  nextSentence: 'Next sentence',
  previousSentence: 'Previous sentence',
  toggleLayout: 'Next layout (side by side, interleaved, original, translation)',
  swapSides: 'Swap sides',
  biggerText: 'Larger text',
  smallerText: 'Smaller text',
  cycleTheme: 'Next theme',
  toggleBookmark: 'Bookmark the current paragraph, or remove its bookmark',
  toggleNotes: 'Show or hide the notes panel',
  search: 'Search the library',
  back: 'Back to the library',
  help: 'This help (in the reader)',
  escape: 'Close, or unpin the lit sentence',
}

const LIBRARY_LABELS: Record<LibraryAction, string> = {
  search: 'Search the library',
  nextArticle: 'Next article',
  previousArticle: 'Previous article',
  openArticle: 'Open the selected article',
  help: 'This help (in the library)',
}

/** Menu accelerators, in Electron's syntax; `CmdOrCtrl` reads Cmd on macOS and Ctrl elsewhere. */
export const MENU_ACCELERATORS = {
  importFiles: 'CmdOrCtrl+O',
  importFolder: 'CmdOrCtrl+Shift+O',
  library: 'CmdOrCtrl+1',
  notes: 'CmdOrCtrl+2',
  settings: 'CmdOrCtrl+,',
  shortcuts: 'F1',
} as const

function readableAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  return accelerator.replace('CmdOrCtrl', platform === 'darwin' ? 'Cmd' : 'Ctrl')
}

/** The Keyboard shortcuts box: the reader's keys, the library's, then the menu's. */
export function shortcutsHelpText(platform: NodeJS.Platform): string {
  const lines = <Action extends string>(shortcuts: readonly Shortcut<Action>[], labels: Record<Action, string>) =>
    shortcuts.map(({ keys, action }) => `${keys.join(' or ')}\t${labels[action]}`)
  const menu = [
    `${readableAccelerator(MENU_ACCELERATORS.importFiles, platform)}\tImport files…`,
    `${readableAccelerator(MENU_ACCELERATORS.importFolder, platform)}\tImport a folder…`,
    `${readableAccelerator(MENU_ACCELERATORS.library, platform)}\tLibrary`,
    `${readableAccelerator(MENU_ACCELERATORS.notes, platform)}\tNotes`,
    `${readableAccelerator(MENU_ACCELERATORS.settings, platform)}\tSettings`,
    `${readableAccelerator('CmdOrCtrl+Plus', platform)} / ${readableAccelerator('CmdOrCtrl+-', platform)} / ${readableAccelerator('CmdOrCtrl+0', platform)}\tZoom in, out, actual size`,
  ]
  return [
    'In the reader:',
    ...lines(READER_SHORTCUTS, READER_LABELS),
    '',
    'In the library:',
    ...lines(LIBRARY_SHORTCUTS, LIBRARY_LABELS),
    '',
    'Anywhere:',
    ...menu,
    '',
    'Files dropped on the library window are imported.',
  ].join('\n')
}

export interface Versions {
  app: string
  electron?: string
  chrome?: string
  node?: string
}

/** The About box's text: the version first. */
export function aboutText({ app, electron, chrome, node }: Versions): { message: string; detail: string } {
  const runtime = [electron && `Electron ${electron}`, chrome && `Chromium ${chrome}`, node && `Node.js ${node}`]
    .filter(Boolean)
    .join(' · ')
  return {
    message: `${PRODUCT_NAME} ${app}`,
    detail: [`Version ${app}`, 'Read French articles side by side with an offline machine translation.', runtime, 'MIT licence.']
      .filter(Boolean)
      .join('\n'),
  }
}

export const LAYOUT_LABELS: Record<ReadingLayout, string> = {
  'side-by-side': 'Side by Side',
  interleaved: 'Interleaved',
  original: 'Original Only',
  translation: 'Translation Only',
}

export const THEME_LABELS: Record<Settings['theme'], string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
  sepia: 'Sepia',
}

export const EXPORT_LABELS: Record<ExportFormat, string> = {
  md: 'Markdown (Obsidian)…',
  json: 'JSON (W3C Web Annotations)…',
  csv: 'CSV (spreadsheet)…',
  anki: 'Anki (tab-separated cards)…',
}

/** The save dialog's file-type filter for an export, from the extension of the name the core chose. */
export function exportFilter(format: ExportFormat, fileName: string): { name: string; extensions: string[] } {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? (format === 'anki' ? 'txt' : format)
  return { name: EXPORT_LABELS[format].replace(/…$/, ''), extensions: [extension] }
}
