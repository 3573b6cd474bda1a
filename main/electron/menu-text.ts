/**
 * The words of the native menu and its boxes (About, Keyboard shortcuts, export formats), kept apart from the
 * Electron calls so they are unit tested, and checked against the renderer's own shortcut list.
 */
import type { ExportFormat } from '../api/contract'
import type { ReadingLayout, Settings } from '../api/settings-shape'

export const PRODUCT_NAME = 'Vis-à-vis'

/** The reader's single-key shortcuts (the same list as the renderer's help overlay, `READER_SHORTCUTS`). */
export const READER_SHORTCUT_HELP: { action: string; keys: string[]; label: string }[] = [
  { action: 'nextParagraph', keys: ['j', '↓'], label: 'Next paragraph' },
  { action: 'previousParagraph', keys: ['k', '↑'], label: 'Previous paragraph' },
  { action: 'nextSentence', keys: ['l', '→'], label: 'Next sentence' },
  { action: 'previousSentence', keys: ['h', '←'], label: 'Previous sentence' },
  { action: 'toggleLayout', keys: ['i'], label: 'Next layout (side by side, interleaved, original, translation)' },
  { action: 'swapSides', keys: ['s'], label: 'Swap sides' },
  { action: 'biggerText', keys: ['+'], label: 'Larger text' },
  { action: 'smallerText', keys: ['-'], label: 'Smaller text' },
  { action: 'cycleTheme', keys: ['t'], label: 'Next theme' },
  { action: 'toggleBookmark', keys: ['b'], label: 'Bookmark the current paragraph, or remove its bookmark' },
  { action: 'toggleNotes', keys: ['n'], label: 'Show or hide the notes panel' },
  { action: 'search', keys: ['/'], label: 'Search the library' },
  { action: 'back', keys: ['Backspace', 'u'], label: 'Back to the library' },
  { action: 'help', keys: ['?'], label: 'This help (in the reader)' },
  { action: 'escape', keys: ['Esc'], label: 'Close, or unpin the lit sentence' },
]

/** The library's single-key shortcuts (the renderer's `LIBRARY_SHORTCUTS`). */
export const LIBRARY_SHORTCUT_HELP: { action: string; keys: string[]; label: string }[] = [
  { action: 'search', keys: ['/'], label: 'Search the library' },
  { action: 'nextArticle', keys: ['j'], label: 'Next article' },
  { action: 'previousArticle', keys: ['k'], label: 'Previous article' },
  { action: 'openArticle', keys: ['Enter'], label: 'Open the selected article' },
  { action: 'help', keys: ['?'], label: 'This help (in the library)' },
]

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
  const lines = (shortcuts: typeof READER_SHORTCUT_HELP) => shortcuts.map(({ keys, label }) => `${keys.join(' or ')}\t${label}`)
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
    ...lines(READER_SHORTCUT_HELP),
    '',
    'In the library:',
    ...lines(LIBRARY_SHORTCUT_HELP),
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
