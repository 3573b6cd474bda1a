import { type ReactNode, useEffect, useRef, useState } from 'react'

export function SettingsSection({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`} data-testid={`settings-${id}`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {intro && <p className="settings-intro">{intro}</p>}
      {children}
    </section>
  )
}

export function FieldError({ id, message }: { id?: string; message: string | null }) {
  if (!message) return null
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  )
}

/** A settings row: the label, and beside it the control with what goes with it (hint, error, value). */
function LabelledField({ id, label, control, children }: { id: string; label: string; control?: string; children: ReactNode }) {
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <div className={control ? `settings-control ${control}` : 'settings-control'}>{children}</div>
    </div>
  )
}

/** A field's hint, `${id}-hint` for its aria-describedby. */
function Hint({ id, text }: { id: string; text: string }) {
  return (
    <p id={`${id}-hint`} className="settings-hint">
      {text}
    </p>
  )
}

interface TextFieldProps {
  id: string
  label: string
  type: 'url' | 'password'
  value: string
  onChange: (value: string) => void
  error: string | null
  hint: string
  placeholder?: string
}

/** A labelled text input with its hint, and its error (announced, and tied to the input) when there is one. */
export function TextField({ id, label, type, value, onChange, error, hint, placeholder }: TextFieldProps) {
  return (
    <LabelledField id={id} label={label}>
      <input
        id={id}
        className="settings-input"
        type={type}
        inputMode={type === 'url' ? 'url' : undefined}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
      />
      <FieldError id={`${id}-error`} message={error} />
      <Hint id={id} text={hint} />
    </LabelledField>
  )
}

interface Option<T extends string> {
  value: T
  label: string
  lang?: string
}

interface SelectFieldProps<T extends string> {
  id: string
  label: string
  value: T
  options: Option<T>[]
  onChange: (value: T) => void
  hint?: string
}

export function SelectField<T extends string>({ id, label, value, options, onChange, hint }: SelectFieldProps<T>) {
  return (
    <LabelledField id={id} label={label}>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && <Hint id={id} text={hint} />}
    </LabelledField>
  )
}

interface RangeFieldProps {
  id: string
  label: string
  value: number
  min: number
  max: number
  step: number
  format: (value: number) => string
  onCommit(value: number): Promise<unknown>
}

const COMMIT_DELAY_MS = 120

/** A slider that follows the hand at once and saves a moment after it stops, so a drag is not a burst of writes. */
export function RangeField({ id, label, value, min, max, step, format, onCommit }: RangeFieldProps) {
  const [draft, setDraft] = useState<number | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const shown = draft ?? value
  const change = (next: number) => {
    setDraft(next)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      void onCommit(next).finally(() => setDraft((current) => (current === next ? null : current)))
    }, COMMIT_DELAY_MS)
  }
  return (
    <LabelledField id={id} label={label} control="settings-range">
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={shown}
        aria-valuetext={format(shown)}
        onChange={(event) => change(Number(event.target.value))}
      />
      <output htmlFor={id}>{format(shown)}</output>
    </LabelledField>
  )
}

export function CheckboxField({
  id,
  label,
  checked,
  onChange,
}: {
  id: string
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  return (
    <div className="settings-field">
      <span aria-hidden="true" />
      <div className="settings-control settings-control-inline">
        <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
        <label htmlFor={id} className="settings-checkbox-label">
          {label}
        </label>
      </div>
    </div>
  )
}
