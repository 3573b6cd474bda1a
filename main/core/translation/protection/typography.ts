/**
 * The target language's typography on a translation: engines carry French conventions across (« guillemets », a
 * space before : ; ! ? and %). English gets straight quotes and apostrophes and no space before those marks.
 */
export function finishTarget(text: string, to: string): string {
  return to === 'en' ? englishTypography(text) : text
}

function englishTypography(text: string): string {
  return text
    .replace(/«[\s\u00A0\u202F]*/g, '"')
    .replace(/[\s\u00A0\u202F]*»/g, '"')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[\s\u00A0\u202F]+([:;!?%])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}
