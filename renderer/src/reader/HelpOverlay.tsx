import { useTranslation } from 'react-i18next'
import { useModalDialog } from '../hooks/useModalDialog'
import { READER_SHORTCUTS } from './useReaderKeys'

/** Every shortcut of the reader, opened with `?`; a modal dialog that keeps focus and closes with Esc. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const dialog = useModalDialog()
  return (
    <dialog ref={dialog} className="help" aria-labelledby="help-title" onClose={onClose} onCancel={onClose}>
      <h2 id="help-title">{t('help.title')}</h2>
      <table>
        <tbody>
          {READER_SHORTCUTS.map(({ keys, action }) => (
            <tr key={action}>
              <td>
                {keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </td>
              <td>{t(`help.${action}`)}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Enter</kbd>
            </td>
            <td>{t('help.pin')}</td>
          </tr>
          <tr>
            <td>
              <kbd>{navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl'}</kbd> <kbd>F</kbd>
            </td>
            <td>{t('help.find')}</td>
          </tr>
        </tbody>
      </table>
      <button type="button" className="button" onClick={onClose} autoFocus>
        {t('help.close')}
      </button>
    </dialog>
  )
}
