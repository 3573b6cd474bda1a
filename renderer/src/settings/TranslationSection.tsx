import type { Settings } from '@shared/settings-shape'
import { engineIds, type EngineInfo } from '@shared/shapes'
import { useTranslation } from 'react-i18next'

import { useCoreMessage } from '../i18n/core-messages'
import { ModelDownload } from '../reader/ModelOffer'
import { FieldError, SelectField, SettingsSection } from './fields'
import { useLanguageName } from './format'
import { type EnginesState, targetsFromFrench } from './useEngines'
import type { ModelsState } from './useModels'
import { useSave } from './useSave'

export function TranslationSection({ engines, models }: { engines: EnginesState; models: ModelsState }) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const { settings, save, error } = useSave()
  const targets = targetsFromFrench(engines.engines)
  if (!targets.includes(settings.targetLanguage)) targets.unshift(settings.targetLanguage)
  const isReady = (id: string) => engines.engines?.find((engine) => engine.id === id)?.status.state === 'ready'

  return (
    <SettingsSection id="translation" title={t('settings.translation.heading')}>
      <SelectField
        id="settings-target"
        label={t('settings.translation.target')}
        value={settings.targetLanguage}
        options={targets.map((code) => ({ value: code, label: languageName(code) }))}
        onChange={(targetLanguage) => void save({ targetLanguage })}
        hint={t('settings.translation.targetHint')}
      />
      <SelectField<Settings['engine']>
        id="settings-engine"
        label={t('settings.translation.engine')}
        value={settings.engine}
        options={[
          { value: 'auto', label: t('settings.translation.engineAuto') },
          ...engineIds.map((id) => ({
            value: id,
            label:
              isReady(id) || !engines.engines
                ? t(`engines.${id}`)
                : t('settings.translation.engineNotReady', { engine: t(`engines.${id}`) }),
          })),
        ]}
        onChange={(engine) => void save({ engine })}
      />
      <FieldError message={error} />
      <h3 className="settings-subheading">{t('settings.translation.enginesHeading')}</h3>
      <EngineList state={engines} models={models} target={settings.targetLanguage} />
    </SettingsSection>
  )
}

function EngineList({ state, models, target }: { state: EnginesState; models: ModelsState; target: string }) {
  const { t } = useTranslation()
  if (state.error) return <FieldError message={state.error} />
  if (!state.engines) return <p className="muted">{t('settings.translation.checking')}</p>
  return (
    <ul className="settings-list" data-testid="engine-list">
      {state.engines.map((engine) => (
        <li key={engine.id} className="settings-row">
          <div className="settings-row-main">
            <strong>{t(`engines.${engine.id}`)}</strong>
            <EngineDetail engine={engine} />
            {engine.id === 'bergamot' && engine.status.state === 'needs_model' && <FrenchModelDownload models={models} to={target} />}
          </div>
          <EngineBadge engine={engine} />
        </li>
      ))}
    </ul>
  )
}

export function EngineBadge({ engine }: { engine: EngineInfo }) {
  const { t } = useTranslation()
  const state = engine.status.state
  return <span className={`status-badge status-${state === 'ready' ? 'ready' : 'not-ready'}`}>{t(`settings.engineStates.${state}`)}</span>
}

/** The catalogue's model from French into the target language, to download where Bergamot has none. */
function FrenchModelDownload({ models, to }: { models: ModelsState; to: string }) {
  const entry = models.catalogue?.find((candidate) => candidate.from === 'fr' && candidate.to === to)
  return entry ? <ModelDownload entry={entry} models={models} /> : null
}

/** What a ready engine offers from French, or the step that makes it ready. */
export function EngineDetail({ engine }: { engine: EngineInfo }) {
  const { t, i18n } = useTranslation()
  const languageName = useLanguageName()
  const word = useCoreMessage()
  if (engine.status.state !== 'ready') return <span className="settings-fix">{word(engine.status.fix)}</span>
  const targets = targetsFromFrench([engine]).map(languageName)
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(targets)
  return (
    <span className="muted">
      {targets.length > 0 ? t('settings.translation.offers', { languages: list }) : t('settings.translation.noFrench')}
    </span>
  )
}
