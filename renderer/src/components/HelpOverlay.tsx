import { useTranslation } from 'react-i18next'

import { useModalDialog } from '../hooks/useModalDialog'

/** One line of the help: any one of `keys`, or all of them at once when `together`. */
export interface ShortcutHelp {
  keys: readonly string[]
  label: string
  together?: boolean
}

/** A screen's shortcuts, opened with `?`; a modal dialog that keeps focus and closes with Esc. */
export function HelpOverlay({ shortcuts, onClose }: { shortcuts: ShortcutHelp[]; onClose: () => void }) {
  const { t } = useTranslation()
  const dialog = useModalDialog()
  return (
    <dialog ref={dialog} className="help" aria-labelledby="help-title" onClose={onClose} onCancel={onClose}>
      <h2 id="help-title">{t('help.title')}</h2>
      <table>
        <tbody>
          {shortcuts.map(({ keys, label, together }) => (
            <tr key={label}>
              <td>
                {keys.map((key, i) => (
                  <span key={key}>
                    {together && i > 0 && ' '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={onClose} autoFocus>
        {t('help.close')}
      </button>
    </dialog>
  )
}
