import { useTranslation } from 'react-i18next'

/** An article's or an annotation's tags, each as a tag. */
export function Tags({ tags }: { tags: string[] }) {
  return tags.map((tag) => (
    <span key={tag} className="tag">
      {tag}
    </span>
  ))
}

interface TagsInputProps {
  /** Whose tags: where the field's name and placeholder are among the messages. */
  of: 'library' | 'notes'
  /** The tags as written: separated by commas. */
  value: string
  onChange: (value: string) => void
  onCancel: () => void
  autoFocus?: boolean
}

/** The field tags are written in, comma-separated (read with `tagsIn`); Escape leaves it. */
export function TagsInput({ of, value, onChange, onCancel, autoFocus }: TagsInputProps) {
  const { t } = useTranslation()
  return (
    <input
      aria-label={t(`${of}.tagsLabel`)}
      placeholder={t(`${of}.tagsPlaceholder`)}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
      autoFocus={autoFocus}
    />
  )
}

/** The tags written in a tags field. */
export const tagsIn = (text: string): string[] =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)
