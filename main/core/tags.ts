/** Tags as the library and the notes keep them: trimmed, none empty, each once, in the order given. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))]
}
