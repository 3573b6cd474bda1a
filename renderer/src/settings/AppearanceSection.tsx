import { useTranslation } from 'react-i18next'
import type { ReadingLayout, Settings } from '../../../main/api/settings'
import { CheckboxField, FieldError, RangeField, SelectField, SettingsSection } from './fields'
import { formatNumber } from './format'
import { useSave } from './useSave'

const THEMES: Settings['theme'][] = ['system', 'light', 'dark', 'sepia']
const FONTS: Settings['reading']['fontFamily'][] = ['serif', 'sans']
const LAYOUTS: ReadingLayout[] = ['side-by-side', 'interleaved', 'original', 'translation']

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
        options={THEMES.map((theme) => ({ value: theme, label: t(`settings.appearance.themes.${theme}`) }))}
        onChange={(theme) => void save({ theme })}
      />
      <SelectField
        id="settings-font"
        label={t('settings.appearance.font')}
        value={reading.fontFamily}
        options={FONTS.map((font) => ({ value: font, label: t(`settings.appearance.fonts.${font}`) }))}
        onChange={(fontFamily) => void saveReading({ fontFamily })}
      />
      <RangeField
        id="settings-font-size"
        label={t('settings.appearance.fontSize')}
        value={reading.fontSize}
        min={12}
        max={32}
        step={1}
        format={(value) => t('settings.appearance.pixels', { value: number(value) })}
        onCommit={(fontSize) => saveReading({ fontSize })}
      />
      <RangeField
        id="settings-line-height"
        label={t('settings.appearance.lineHeight')}
        value={reading.lineHeight}
        min={1.2}
        max={2.4}
        step={0.05}
        format={(value) => number(value, 2)}
        onCommit={(lineHeight) => saveReading({ lineHeight })}
      />
      <RangeField
        id="settings-column-width"
        label={t('settings.appearance.columnWidth')}
        value={reading.columnWidth}
        min={30}
        max={100}
        step={1}
        format={(value) => t('settings.appearance.characters', { count: value, value: number(value) })}
        onCommit={(columnWidth) => saveReading({ columnWidth })}
      />
      <SelectField
        id="settings-layout"
        label={t('settings.appearance.layout')}
        value={reading.layout}
        options={LAYOUTS.map((layout) => ({ value: layout, label: t(`reader.layouts.${layout}`) }))}
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
