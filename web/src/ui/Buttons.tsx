// Buttons that run an action and show their own failure beside them: at once (AsyncButton) or
// after an inline confirmation (ConfirmButton, for deletes and the like; DeleteButton for a plain "Delete").
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { errorText } from './errors';

/** A button running an action, showing "busy" while it runs and its failure beside it. */
export function AsyncButton({
  children,
  busyLabel,
  onClick,
  className,
  label,
}: {
  children: ReactNode;
  busyLabel: string;
  onClick: () => Promise<void>;
  className?: string;
  /** An accessible name when the visible text alone is ambiguous (one per table row). */
  label?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await onClick();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="action">
      <button type="button" className={className} aria-label={label} onClick={() => void run()} disabled={busy}>
        {busy ? busyLabel : children}
      </button>
      <Failure error={error} />
    </span>
  );
}

/** A (usually destructive) action that asks first, inline, and shows its failure beside it. */
export function ConfirmButton({
  children,
  label,
  question,
  confirmLabel,
  busyLabel,
  onConfirm,
  className = 'danger',
}: {
  children: ReactNode;
  label?: string;
  question: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  onConfirm: () => Promise<void>;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      if (mounted.current) setAsking(false);
    } catch (e) {
      if (mounted.current) setError(errorText(e));
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  const cancel = () => {
    setAsking(false);
    setError(null);
    window.setTimeout(() => openRef.current?.focus(), 0);
  };

  if (!asking) {
    return (
      <button type="button" ref={openRef} className={className} aria-label={label} onClick={() => setAsking(true)}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-labelledby={questionId}>
      <span id={questionId}>{question}</span>{' '}
      <button type="button" className={className} onClick={() => void confirm()} disabled={busy}>
        {busy ? busyLabel : confirmLabel}
      </button>{' '}
      <button type="button" ref={cancelRef} onClick={cancel} disabled={busy}>
        Cancel
      </button>
      <Failure error={error} />
    </span>
  );
}

/** A "Delete" button that asks first, reading "Deleting…" while the delete runs. */
export function DeleteButton({
  label,
  question,
  confirmLabel,
  onConfirm,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
}) {
  return (
    <ConfirmButton label={label} question={question} confirmLabel={confirmLabel} busyLabel="Deleting…" onConfirm={onConfirm}>
      Delete
    </ConfirmButton>
  );
}

/** Why the action failed, beside its button. */
function Failure({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <span className="notice notice-error" role="alert">
      {error}
    </span>
  );
}
