/** A short message at the bottom of the window with one action, announced to screen readers. */
export function Toast({
  message,
  action,
  onAction,
  className,
}: {
  message: string
  action: string
  onAction: () => void
  className?: string
}) {
  return (
    <div className={className ? `toast ${className}` : 'toast'} role="status">
      <span>{message}</span>
      <button type="button" className="button button-small" onClick={onAction}>
        {action}
      </button>
    </div>
  )
}
