export interface FilterSelectProps<T extends string> {
  label: string
  value: T
  /** Each choice's value and its text. */
  options: readonly (readonly [T, string])[]
  /** The text of the first choice, the empty value, that filters nothing out; none when a choice must be made. */
  all?: string
  onChange(value: T): void
}

/** The filters above a list: each a select named for assistive technology. */
export function FilterSelects({ filters }: { filters: FilterSelectProps<string>[] }) {
  return filters.map(({ label, value, options, all, onChange }) => (
    <select key={label} aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      {all !== undefined && <option value="">{all}</option>}
      {options.map(([key, text]) => (
        <option key={key} value={key}>
          {text}
        </option>
      ))}
    </select>
  ))
}

/** Ties selects to the fields of a filter: `field(key)` is the value a select shows and the change it makes. */
export function bindFilter<F>(filter: F, set: <K extends keyof F>(key: K, value: F[K]) => void) {
  return <K extends keyof F>(key: K) => ({ value: filter[key], onChange: (value: F[K]) => set(key, value) })
}

/** Tags as choices: each its own text. */
export const tagOptions = (tags: string[]) => tags.map((tag): [string, string] => [tag, tag])
