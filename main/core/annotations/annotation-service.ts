import { randomUUID } from 'node:crypto'
import { join } from 'node:path'

import { ApiError } from '../../api/errors'
import type {
  Annotation,
  AnnotationColor,
  AnnotationKind,
  ApiEvent,
  ArticleTranslation,
  PassagePlace,
  PassageSelector,
  PlacedAnnotation,
  ReadingArticle,
  SentencePair,
  Side,
} from '../../api/shapes'
import { foldText } from '../../api/text-folding'
import { writeJsonAtomic } from '../fs/atomic-write'
import { assertWritable, moveAside, readJsonFile } from '../fs/json-file'
import { normaliseTags } from '../tags'
import { anchor, selectorFor } from './anchoring'
import { annotationsFile, type StoredAnnotations, versionFor } from './annotations-file'

export interface NewAnnotation {
  articleId: string
  kind: AnnotationKind
  side?: Side
  paragraphId: string
  start?: number
  end?: number
  endParagraphId?: string
  quote?: string
  color?: AnnotationColor
  note?: string
  tags?: string[]
}

/** A paragraph's text on one side, and its sentences. */
interface SideParagraph {
  id: string
  text: string
  sentences: string[]
}

const MAX_PARAGRAPHS_PER_PASSAGE = 100

/** Where a passage is now in the paragraphs of its side, and which of its paragraph's sentences it covers. */
function placeSelector(selector: PassageSelector, paragraphs: SideParagraph[]): PassagePlace {
  const found = anchor(selector, paragraphs)
  const paragraph = found && paragraphs.find((p) => p.id === found.paragraphId)
  return { anchor: found, sentenceIndexes: found && paragraph ? sentencesCovering(paragraph.sentences, found.start, found.end) : [] }
}

export interface AnnotationServiceOptions {
  getArticle: (id: string) => Promise<ReadingArticle>
  listArticleIds: () => string[]
  articleDir: (id: string) => string
  /** The translation the translation-side annotations are anchored in (the default target's, from the cache). */
  getTranslation: (id: string) => Promise<ArticleTranslation | null>
  now: () => Date
  emit: (event: ApiEvent) => void
  /** The library's lock, shared with other processes writing to it. */
  withLock: <T>(work: () => Promise<T>) => Promise<T>
  /** Tells the user about a damaged file that was set aside. */
  report: (problem: string) => void
  /** Merges into an annotations file the copies a sync tool left beside it (see core/sync), before it is read. */
  mergeConflictCopies?: (file: string) => Promise<void>
}

/** Bookmarks, highlights and notes, one file per article (`articles/<id>/annotations.json`), each write atomic. */
export function createAnnotationService({
  getArticle,
  listArticleIds,
  articleDir,
  getTranslation,
  now,
  emit,
  withLock,
  report,
  mergeConflictCopies = async () => undefined,
}: AnnotationServiceOptions) {
  const fileOf = (articleId: string) => join(articleDir(articleId), 'annotations.json')
  let writing: Promise<unknown> = Promise.resolve()

  /** An article's annotations; a damaged file is set aside (kept, never overwritten) and the article starts afresh. */
  async function read(articleId: string): Promise<StoredAnnotations> {
    let stored: StoredAnnotations | null
    try {
      stored = await readJsonFile(fileOf(articleId), annotationsFile)
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'corrupt_file') throw error
      const aside = await moveAside(fileOf(articleId))
      if (aside) report(`${fileOf(articleId)} was damaged: it was moved to ${aside}; its notes are in that file.`)
      stored = null
    }
    return stored ?? { schemaVersion: annotationsFile.version, annotations: [], deleted: [] }
  }

  /** Changes to annotation files go one at a time, under the library's lock: read, change, write atomically. */
  function change<T>(articleId: string, work: (stored: StoredAnnotations) => T): Promise<T> {
    const next = writing.then(async () => {
      await mergeConflictCopies(fileOf(articleId))
      const result = await withLock(async () => {
        const stored = await read(articleId)
        assertWritable(fileOf(articleId), stored, annotationsFile)
        const before = JSON.stringify(stored)
        const changed = work(stored)
        if (JSON.stringify(stored) !== before) await writeJsonAtomic(fileOf(articleId), { ...stored, schemaVersion: versionFor(stored) })
        return changed
      })
      emit({ type: 'annotations.changed', articleId })
      return result
    })
    writing = next.catch(() => undefined)
    return next
  }

  /** The paragraphs' text on one side: the original, or the given translation's sentences joined as the reader shows them. */
  function textsOf(article: ReadingArticle, side: Side, translation: ArticleTranslation | null): SideParagraph[] {
    if (side === 'original') return article.paragraphs.map((p) => ({ id: p.id, text: p.text, sentences: p.sentences }))
    return (translation?.paragraphs ?? []).map((p) => ({
      id: p.paragraphId,
      text: p.sentences.map((s) => s.target).join(' '),
      sentences: p.sentences.map((s) => s.target),
    }))
  }

  /** Places annotations in the article as it is now, with the sentence pairs each covers. */
  async function place(article: ReadingArticle, annotations: Annotation[]): Promise<PlacedAnnotation[]> {
    const translation = await getTranslation(article.id)
    const pairsOf = (paragraphId: string): SentencePair[] => {
      const translated = translation?.paragraphs.find((p) => p.paragraphId === paragraphId)?.sentences
      const sources = article.paragraphs.find((p) => p.id === paragraphId)?.sentences ?? []
      return sources.map((source, i) => ({ source, target: translated?.[i]?.target ?? '' }))
    }
    const texts = { original: textsOf(article, 'original', translation), translation: textsOf(article, 'translation', translation) }
    return annotations.map((annotation) => {
      const paragraphs = texts[annotation.side]
      if (!annotation.selector) {
        const found = { paragraphId: annotation.paragraphId, start: 0, end: 0 }
        return {
          ...annotation,
          anchor: found,
          orphaned: false,
          articleTitle: article.title,
          sentenceIndexes: [],
          sentences: pairsOf(found.paragraphId),
        }
      }
      const [first, ...rest] = [annotation.selector, ...(annotation.continuation ?? [])].map((selector) =>
        placeSelector(selector, paragraphs),
      )
      const covered = (place: PassagePlace) =>
        place.anchor ? place.sentenceIndexes.map((i) => pairsOf(place.anchor!.paragraphId)[i]!) : []
      return {
        ...annotation,
        anchor: first!.anchor,
        orphaned: first!.anchor === null,
        articleTitle: article.title,
        sentenceIndexes: first!.sentenceIndexes,
        sentences: [first!, ...rest].flatMap(covered).filter(Boolean),
        ...(rest.length > 0 && { continuationPlaces: rest }),
      }
    })
  }

  async function add(request: NewAnnotation): Promise<PlacedAnnotation> {
    const article = await getArticle(request.articleId)
    const side = request.side ?? 'original'
    if (!article.paragraphs.some((p) => p.id === request.paragraphId)) {
      throw new ApiError(
        'invalid_input',
        `The article has ${article.paragraphs.length} paragraphs; there is no paragraph ${request.paragraphId.slice(1)}.`,
      )
    }
    const [selector = null, ...continuation] = request.kind === 'highlight' ? await passagesFor(article, side, request) : []
    if (request.kind === 'note' && !request.note?.trim()) throw new ApiError('invalid_input', 'A note needs some text.')
    const time = now().toISOString()
    const annotation: Annotation = {
      id: randomUUID(),
      articleId: article.id,
      kind: request.kind,
      side,
      paragraphId: selector?.paragraphId ?? request.paragraphId,
      selector,
      ...(continuation.length > 0 && { continuation }),
      color: request.kind === 'highlight' ? (request.color ?? 'yellow') : null,
      note: request.note?.trim() ?? '',
      tags: normaliseTags(request.tags ?? []),
      created: time,
      modified: time,
    }
    await change(article.id, (stored) => stored.annotations.push(annotation))
    return (await place(article, [annotation]))[0]!
  }

  /**
   * The passage a highlight is on: by offsets, or by its quote, looked for in the paragraph and then near it; across
   * paragraphs, one passage per paragraph.
   */
  async function passagesFor(article: ReadingArticle, side: Side, request: NewAnnotation): Promise<PassageSelector[]> {
    const paragraphs = textsOf(article, side, side === 'translation' ? await getTranslation(article.id) : null)
    if (side === 'translation' && paragraphs.length === 0)
      throw new ApiError('invalid_input', 'This article has no translation yet to annotate.')
    if (request.endParagraphId && request.endParagraphId !== request.paragraphId) return passagesAcross(paragraphs, request)
    return [passageIn(paragraphs, side, request)]
  }

  function passageIn(paragraphs: SideParagraph[], side: Side, request: NewAnnotation): PassageSelector {
    const paragraph = paragraphs.find((p) => p.id === request.paragraphId)
    if (request.start !== undefined && request.end !== undefined) {
      if (!paragraph || request.end <= request.start || request.end > paragraph.text.length) {
        throw new ApiError(
          'invalid_input',
          `The passage ${request.start}–${request.end} is not within paragraph ${request.paragraphId.slice(1)}.`,
        )
      }
      return selectorFor(paragraph.id, paragraph.text, request.start, request.end)
    }
    if (!request.quote) throw new ApiError('invalid_input', 'A highlight needs the quoted text, or its start and end.')
    const found = anchor({ paragraphId: request.paragraphId, start: 0, end: 0, quote: request.quote, prefix: '', suffix: '' }, paragraphs)
    if (!found)
      throw new ApiError(
        'invalid_input',
        `“${request.quote}” is not in the ${side === 'original' ? 'original' : 'translation'} of this article.`,
      )
    const home = paragraphs.find((p) => p.id === found.paragraphId)!
    return selectorFor(home.id, home.text, found.start, found.end)
  }

  /** From `start` in the first paragraph to `end` in the last, with every paragraph between them whole. */
  function passagesAcross(paragraphs: SideParagraph[], { paragraphId, endParagraphId, start, end }: NewAnnotation): PassageSelector[] {
    const from = paragraphs.findIndex((p) => p.id === paragraphId)
    const to = paragraphs.findIndex((p) => p.id === endParagraphId)
    const last = paragraphs[to]
    if (
      from < 0 ||
      to <= from ||
      start === undefined ||
      end === undefined ||
      start > paragraphs[from]!.text.length ||
      !last ||
      end > last.text.length
    )
      throw new ApiError('invalid_input', `A passage across paragraphs runs from a place in one paragraph to a place in a later one.`)
    if (to - from >= MAX_PARAGRAPHS_PER_PASSAGE)
      throw new ApiError('invalid_input', `A highlight covers at most ${MAX_PARAGRAPHS_PER_PASSAGE} paragraphs.`)
    return paragraphs
      .slice(from, to + 1)
      .map((p, i, all) => selectorFor(p.id, p.text, i === 0 ? start : 0, i === all.length - 1 ? end : p.text.length))
      .filter((selector) => selector.quote.trim() !== '')
  }

  async function list(articleId: string): Promise<PlacedAnnotation[]> {
    const article = await getArticle(articleId)
    await mergeConflictCopies(fileOf(articleId))
    return place(article, (await read(articleId)).annotations)
  }

  return {
    add,
    list,
    async update({
      articleId,
      id,
      note,
      color,
      tags,
    }: {
      articleId: string
      id: string
      note?: string
      color?: AnnotationColor | null
      tags?: string[]
    }) {
      const updated = await change(articleId, (stored) => {
        const annotation = stored.annotations.find((a) => a.id === id)
        if (!annotation) throw new ApiError('not_found', 'That annotation is not in this article any more.')
        if (note !== undefined) annotation.note = note.trim()
        if (color !== undefined) annotation.color = color
        if (tags !== undefined) annotation.tags = normaliseTags(tags)
        annotation.modified = now().toISOString()
        return annotation
      })
      return (await place(await getArticle(articleId), [updated]))[0]!
    },
    async remove({ articleId, id }: { articleId: string; id: string }): Promise<Annotation> {
      return change(articleId, (stored) => {
        const annotation = stored.annotations.find((a) => a.id === id)
        if (!annotation) throw new ApiError('not_found', 'That annotation is not in this article any more.')
        stored.annotations = stored.annotations.filter((a) => a.id !== id)
        stored.deleted.push({ ...annotation, deletedAt: now().toISOString() })
        return annotation
      })
    },
    async restore({ articleId, id }: { articleId: string; id: string }): Promise<PlacedAnnotation> {
      const restored = await change(articleId, (stored) => {
        const deleted = stored.deleted.find((a) => a.id === id)
        if (!deleted) throw new ApiError('not_found', 'There is no deleted annotation to bring back.')
        stored.deleted = stored.deleted.filter((a) => a.id !== id)
        const { deletedAt: _deletedAt, ...annotation } = deleted
        stored.annotations.push(annotation)
        return annotation
      })
      return (await place(await getArticle(articleId), [restored]))[0]!
    },
    /** Every annotation of the library (or one article), newest first, filtered. */
    async search(filter: {
      query?: string
      articleId?: string
      tag?: string
      color?: AnnotationColor
      kind?: AnnotationKind
    }): Promise<PlacedAnnotation[]> {
      const ids = filter.articleId ? [filter.articleId] : listArticleIds()
      const all = (await Promise.all(ids.map((id) => list(id)))).flat()
      const words = foldWords(filter.query ?? '')
      return all
        .filter(
          (a) =>
            (!filter.tag || a.tags.includes(filter.tag)) &&
            (!filter.color || a.color === filter.color) &&
            (!filter.kind || a.kind === filter.kind) &&
            words.every((word) =>
              foldWords(`${a.note} ${a.selector?.quote ?? ''} ${a.articleTitle} ${a.tags.join(' ')}`).some((w) => w.startsWith(word)),
            ),
        )
        .sort((a, b) => b.created.localeCompare(a.created))
    },
    /** The text of an article's notes and highlights, for full-text search. */
    async searchableText(articleId: string): Promise<string> {
      await mergeConflictCopies(fileOf(articleId))
      const { annotations } = await read(articleId).catch(() => ({ annotations: [] as Annotation[] }))
      return annotations.map((a) => `${a.note} ${a.tags.join(' ')}`).join('\n')
    },
  }
}

/** The indexes of the sentences (joined by single spaces) that overlap `[start, end)`. */
export function sentencesCovering(sentences: string[], start: number, end: number): number[] {
  const covered: number[] = []
  let offset = 0
  sentences.forEach((sentence, i) => {
    const sentenceEnd = offset + sentence.length
    if (start < sentenceEnd && end > offset) covered.push(i)
    offset = sentenceEnd + 1
  })
  return covered
}

function foldWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}
