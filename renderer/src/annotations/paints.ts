import { annotationColors } from '@shared/shapes'

import { highlightName } from './marks'

/**
 * The look of each highlight colour, written from the one list of colours and the names the painter gives its
 * highlights (a stylesheet cannot loop over them): the painted passage, and the `--hl-line` and `--hl-fill` that the
 * sentences facing a highlight and the colour swatches draw with. The colours themselves are the themes' `--hl-*`.
 */
function paintRules(): string[] {
  return annotationColors.flatMap((colour) => [
    `::highlight(${highlightName(colour)}) { background-color: var(--hl-${colour}); color: var(--text); }`,
    `.sentence[data-annotated='${colour}'], .swatch-${colour} { --hl-line: var(--hl-${colour}-line); --hl-fill: var(--hl-${colour}); }`,
  ])
}

/** Adds the colours' rules to the document, after styles.css. */
export function adoptPaintStyles(): void {
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(paintRules().join('\n'))
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
}
