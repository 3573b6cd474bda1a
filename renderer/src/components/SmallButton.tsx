import type { ButtonHTMLAttributes, ReactNode } from 'react'

interface SmallButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className'> {
  /** The form's main action. */
  primary?: boolean
}

/** A small button, as in a form's actions or an entry's row; a plain button unless `type` says otherwise. */
export function SmallButton({ primary, type = 'button', ...props }: SmallButtonProps) {
  return <button type={type} className={primary ? 'button button-small button-primary' : 'button button-small'} {...props} />
}

interface FormActionsProps {
  cancelLabel: string
  saveLabel: string
  saveDisabled?: boolean
  onCancel: () => void
  /** Shown before the two buttons, e.g. a colour picker. */
  children?: ReactNode
}

/** A form's cancel and save (submit) buttons. */
export function FormActions({ cancelLabel, saveLabel, saveDisabled, onCancel, children }: FormActionsProps) {
  return (
    <div className="note-form-actions">
      {children}
      <SmallButton onClick={onCancel}>{cancelLabel}</SmallButton>
      <SmallButton type="submit" primary disabled={saveDisabled}>
        {saveLabel}
      </SmallButton>
    </div>
  )
}
