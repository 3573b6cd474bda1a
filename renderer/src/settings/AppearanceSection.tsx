import { fontFamilies, readingBounds, readingLayouts, type Settings, themes } from '@shared/settings-shape'
import { useTranslation } from 'react-i18next'

import { CheckboxField, FieldError, RangeField, SelectField, SettingsSection } from './fields'
import { formatNumber } from './format'
import { useSave } from './useSave'

/** A select of the section: its field's id, its label, its choices, and the key of each choice's label. */
interface SelectDeclaration<T extends string> {
  id: string
  label: string
  choices: readonly T[]
  choiceLabel: (choice: T) => string
}

/** The section's selects, by the setting each sets. */
const SELECTS = {
  theme: {
    id: 'settings-theme',
    label: 'settings.appearance.theme',
    choices: themes,
    choiceLabel: (theme: string) => `settings.appearance.themes.${theme}`,
  },
  fontFamily: {
    id: 'settings-font',
    label: 'settings.appearance.font',
    choices: fontFamilies,
    choiceLabel: (font: string) => `settings.appearance.fonts.${font}`,
  },
  layout: {
    id: 'settings-layout',
    label: 'settings.appearance.layout',
    choices: readingLayouts,
    choiceLabel: (layout: string) => `reader.layouts.${layout}`,
  },
}

/** The section's sliders: the reading setting each sets (within its bounds in the settings' shape), its field's id, label and step. */
const SLIDERS = [
  { setting: 'fontSize', id: 'settings-font-size', label: 'settings.appearance.fontSize', step: 1 },
  { setting: 'lineHeight', id: 'settings-line-height', label: 'settings.appearance.lineHeight', step: 0.05 },
  { setting: 'columnWidth', id: 'settings-column-width', label: 'settings.appearance.columnWidth', step: 1 },
] as const

type Slider = (typeof SLIDERS)[number]

export function AppearanceSection() {
  const { t, i18n } = useTranslation()
  const { settings, save, error } = useSave()
  const { reading } = settings
  const saveReading = (patch: Partial<Settings['reading']>) => save({ reading: patch })
  const number = (value: number, digits = 0) =>
    formatNumber(value, i18n.language, { minimumFractionDigits: digits, maximumFractionDigits: digits })
  const formats: Record<Slider['setting'], (value: number) => string> = {
    fontSize: (value) => t('settings.appearance.pixels', { value: number(value) }),
    lineHeight: (value) => number(value, 2),
    columnWidth: (value) => t('settings.appearance.characters', { count: value, value: number(value) }),
  }

  const select = <T extends string>({ id, label, choices, choiceLabel }: SelectDeclaration<T>, value: T, onChange: (value: T) => void) => (
    <SelectField
      id={id}
      label={t(label)}
      value={value}
      options={choices.map((choice) => ({ value: choice, label: t(choiceLabel(choice)) }))}
      onChange={onChange}
    />
  )
  const slider = ({ setting, id, label, step }: Slider) => (
    <RangeField
      key={id}
      id={id}
      label={t(label)}
      value={reading[setting]}
      {...readingBounds[setting]}
      step={step}
      format={formats[setting]}
      onCommit={(value) => saveReading({ [setting]: value })}
    />
  )

  return (
    <SettingsSection id="appearance" title={t('settings.appearance.heading')} intro={t('settings.appearance.intro')}>
      {select(SELECTS.theme, settings.theme, (theme) => void save({ theme }))}
      {select(SELECTS.fontFamily, reading.fontFamily, (fontFamily) => void saveReading({ fontFamily }))}
      {SLIDERS.map(slider)}
      {select(SELECTS.layout, reading.layout, (layout) => void saveReading({ layout }))}
      <CheckboxField
        id="settings-swap"
        label={t('settings.appearance.swap')}
        checked={reading.swapSides}
        onChange={(swapSides) => void saveReading({ swapSides })}
      />
      <FieldError message={error} />
      <figure className="settings-preview" aria-labelledby="settings-preview-caption">
        <figcaption id="settings-preview-caption">{t('settings.appearance.preview')}</figcaption>
        <p lang="fr">{t('settings.appearance.previewText')}</p>
      </figure>
    </SettingsSection>
  )
}
