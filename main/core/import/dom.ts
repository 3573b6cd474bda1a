/**
 * Minimal structural DOM types: linkedom's nodes, described only as far as the page readers use them (the node
 * tsconfig has no DOM lib).
 */

export interface DomNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<DomNode>
}

export interface DomElement extends DomNode {
  tagName: string
  /** The tag name in lower case. */
  localName: string
  firstElementChild: DomElement | null
  nextElementSibling: DomElement | null
  getAttribute(name: string): string | null
  querySelector(selector: string): DomElement | null
}

export interface DomDocument {
  documentElement: DomElement | null
  body: DomElement | null
  title: string
}

export const ELEMENT_NODE = 1
export const TEXT_NODE = 3
