import type { ComponentProps } from 'react'

type SearchBoxProps = Omit<ComponentProps<'input'>, 'type' | 'onChange'> & {
  /** What the box searches, its name for assistive technology. */
  label: string
  onQuery: (query: string) => void
}

/** The search box above a list; it takes an input's other props (placeholder, value, ref…). */
export function SearchBox({ label, onQuery, ...input }: SearchBoxProps) {
  return <input type="search" className="search-box" aria-label={label} onChange={(event) => onQuery(event.target.value)} {...input} />
}
