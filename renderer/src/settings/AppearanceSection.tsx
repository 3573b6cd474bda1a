import { fontFamilies, readingBounds, readingLayouts, type Settings, themes } from '@shared/settings-shape'
import { useTranslation } from 'react-i18next'

import { CheckboxField, FieldError, RangeField, SelectField, SettingsSection } from './fields'
import { formatNumber } from './format'
import { useSave } from './useSave'

export function AppearanceSection() {
  const { t, i18n } = useTranslation()
  const { settings, save, error } = useSave()
  const { reading } = settings
  const saveReading = (patch: Partial<Settings['reading']>) => save({ reading: patch })
  const number = (value: number, digits = 0) =>
    formatNumber(value, i18n.language, { minimumFractionDigits: digits, maximumFractionDigits: digits })

  return (
    <SettingsSection id="appearance" title={t('settings.appearance.heading')} intro={t('settings.appearance.intro')}>
      <SelectField<Settings['theme']>
        id="settings-theme"
        label={t('settings.appearance.theme')}
        value={settings.theme}
        options={themes.map((theme) => ({ value: theme, label: t(`settings.appearance.themes.${theme}`) }))}
        onChange={(theme) => void save({ theme })}
      />
      <SelectField
        id="settings-font"
        label={t('settings.appearance.font')}
        value={reading.fontFamily}
        options={fontFamilies.map((font) => ({ value: font, label: t(`settings.appearance.fonts.${font}`) }))}
        onChange={(fontFamily) => void saveReading({ fontFamily })}
      />
      <RangeField
        id="settings-font-size"
        label={t('settings.appearance.fontSize')}
        value={reading.fontSize}
        {...readingBounds.fontSize}
        step={1}
        format={(value) => t('settings.appearance.pixels', { value: number(value) })}
        onCommit={(fontSize) => saveReading({ fontSize })}
      />
      <RangeField
        id="settings-line-height"
        label={t('settings.appearance.lineHeight')}
        value={reading.lineHeight}
        {...readingBounds.lineHeight}
        step={0.05}
        format={(value) => number(value, 2)}
        onCommit={(lineHeight) => saveReading({ lineHeight })}
      />
      <RangeField
        id="settings-column-width"
        label={t('settings.appearance.columnWidth')}
        value={reading.columnWidth}
        {...readingBounds.columnWidth}
        step={1}
        format={(value) => t('settings.appearance.characters', { count: value, value: number(value) })}
        onCommit={(columnWidth) => saveReading({ columnWidth })}
      />
      <SelectField
        id="settings-layout"
        label={t('settings.appearance.layout')}
        value={reading.layout}
        options={readingLayouts.map((layout) => ({ value: layout, label: t(`reader.layouts.${layout}`) }))}
        onChange={(layout) => void saveReading({ layout })}
      />
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
