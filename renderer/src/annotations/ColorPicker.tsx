import { type AnnotationColor, annotationColors } from '@shared/shapes'
import { useTranslation } from 'react-i18next'

interface ColorPickerProps {
  /** What the group does ("Highlight"), for assistive technology. */
  label: string
  selected?: AnnotationColor
  disabled?: boolean
  onPick: (color: AnnotationColor) => void
}

/** The five highlight colours as round swatches, each named. */
export function ColorPicker({ label, selected, disabled, onPick }: ColorPickerProps) {
  const { t } = useTranslation()
  return (
    <div className="color-picker" role="group" aria-label={label}>
      {annotationColors.map((color) => (
        <button
          key={color}
          type="button"
          className={`swatch swatch-${color}`}
          aria-label={t(selected ? `notes.colors.${color}` : `notes.highlightIn.${color}`)}
          title={t(selected ? `notes.colors.${color}` : `notes.highlightIn.${color}`)}
          aria-pressed={selected ? selected === color : undefined}
          disabled={disabled}
          onClick={() => onPick(color)}
        />
      ))}
    </div>
  )
}

/** A small dot in an annotation's colour. */
export function ColorDot({ color }: { color: AnnotationColor | null }) {
  const { t } = useTranslation()
  if (!color) return null
  return <span className={`color-dot swatch-${color}`} role="img" aria-label={t(`notes.colors.${color}`)} />
}
