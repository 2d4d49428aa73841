// A form's buttons: the primary submit button, which reads as busy while the form is being sent,
// and an optional Cancel.
export function FormActions({
  busy,
  label,
  busyLabel,
  onCancel,
  cancelWhileBusy = false,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel?: () => void;
  /** Leave Cancel pressable while the form is being sent (by default it is disabled then). */
  cancelWhileBusy?: boolean;
}) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel} disabled={busy && !cancelWhileBusy}>
          Cancel
        </button>
      )}
    </div>
  );
}
