import { collapseSpaces } from '../spaces'
import { parseDateLine } from './dates'

export interface ParsedText {
  title: string
  publishedAt: string | null
  paragraphs: string[]
}

/**
 * Reads pasted or saved plain text the way people copy articles from the web: the first line is the title, a line
 * that is only a date is the publication date, lines of share buttons and "most read" headings are dropped, and so
 * are repeats of the title inside the body (captions, sticky headers).
 */
export function parsePlainText(raw: string): ParsedText {
  const lines = raw.normalize('NFC').replace(/\r\n?/g, '\n').split('\n')
  const titleIndex = lines.findIndex((line) => line.trim() !== '')
  const title = collapsedLine(lines[titleIndex] ?? '')
  let publishedAt: string | null = null

  const kept = lines.slice(titleIndex + 1).map((line) => {
    const trimmed = collapsedLine(line)
    if (trimmed === '') return ''
    const date = parseDateLine(trimmed)
    if (date) {
      publishedAt ??= date
      return null
    }
    if (isBoilerplateLine(trimmed) || sameText(trimmed, title)) return null
    return trimmed
  })

  return { title, publishedAt, paragraphs: groupParagraphs(kept) }
}

/**
 * Blank lines separate paragraphs. Dropped lines (null) vanish without splitting a paragraph. Text with no blank
 * line at all is taken as one paragraph per line, the way most pasted web text arrives.
 */
function groupParagraphs(lines: (string | null)[]): string[] {
  const present = lines.filter((line): line is string => line !== null)
  const hasBlankLines = present.some((line, i) => line === '' && present[i - 1] && present[i + 1])
  if (!hasBlankLines) return present.filter((line) => line !== '')

  const paragraphs: string[] = []
  let current: string[] = []
  for (const line of present) {
    if (line !== '') {
      current.push(line)
      continue
    }
    if (current.length > 0) paragraphs.push(current.join(' '))
    current = []
  }
  if (current.length > 0) paragraphs.push(current.join(' '))
  return paragraphs
}

const SHARE_WORDS = new Set(
  [
    'share',
    'partager',
    'partagez',
    'this',
    'with',
    'close',
    'fermer',
    'messenger',
    'pinterest',
    'linkedin',
    'wechat',
    'facebook',
    'twitter',
    'x',
    'whatsapp',
    'telegram',
    'reddit',
    'tumblr',
    'email',
    'e-mail',
    'mail',
    'courriel',
    'print',
    'imprimer',
    'copy',
    'copier',
    'link',
    'lien',
    'le',
    'sur',
    'on',
    'tweet',
    'tweeter',
    'bluesky',
    'threads',
    'mastodon',
    'flipboard',
    'sms',
    'envoyer',
    'send',
    'weibo',
    'qq',
    'vk',
    'line',
    'viber',
  ].map((word) => word.toLowerCase()),
)

const BOILERPLATE_LINES = new Set(
  [
    'articles les plus lus',
    'les plus lus',
    'les plus lus du moment',
    'à lire aussi',
    'lire aussi',
    'sur le même sujet',
    'dans la même rubrique',
    'publicité',
    'advertisement',
    'most read',
    'most popular',
    'related articles',
    'articles similaires',
    'vous aimerez aussi',
    'suivez-nous',
    'abonnez-vous',
    'commentaires',
    'réagir',
    'newsletter',
    'inscrivez-vous à la newsletter',
    'partager cet article',
    'share this article',
  ].map(foldForComparison),
)

/** A line made only of share-button words ("Share this with Close", "Messenger Pinterest LinkedIn WeChat"). */
export function isBoilerplateLine(line: string): boolean {
  const folded = foldForComparison(line)
  if (BOILERPLATE_LINES.has(folded)) return true
  const words = line
    .toLowerCase()
    .split(/[\s|·•,/]+/)
    .filter(Boolean)
  return words.length > 0 && words.length <= 12 && words.every((word) => SHARE_WORDS.has(word))
}

function sameText(a: string, b: string): boolean {
  return a !== '' && foldForComparison(a) === foldForComparison(b)
}

function foldForComparison(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim()
}

function collapsedLine(text: string): string {
  return collapseSpaces(text).trim()
}
