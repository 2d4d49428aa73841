// Pieces the settings tabs share: error text, buttons that show their own failure, an inline
// confirmation, a shown-once secret, a labelled textarea and a checkbox group.
import { useEffect, useId, useRef, useState, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { ApiError, type FieldErrors } from '../../api/client';

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return error.message || 'You do not have permission to do this.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

/**
 * Sorts a server's field errors into the form's fields (`place` names the field a path belongs
 * to, or null) and the rest, which the form shows above its fields.
 */
export function placeErrors(error: unknown, place: (path: string) => string | null): { fields: FieldErrors; rest: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, rest: errorText(error) };
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const field = place(path);
    if (field) {
      if (!(field in fields)) fields[field] = path === field ? message : `${path}: ${message}`;
    } else {
      other.push(`${path}: ${message}`);
    }
  }
  if (Object.keys(fields).length === 0 && other.length === 0) return { fields, rest: errorText(error) };
  return { fields, rest: other.length ? `${error.message} ${other.join('; ')}` : 'Some fields need attention.' };
}

/** A form-level message above the fields. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  );
}

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
      {error && (
        <span className="notice notice-error" role="alert">
          {error}
        </span>
      )}
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
      {error && (
        <span className="notice notice-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** A secret the server shows once: read-only, selectable, with a copy button and a warning. */
export function SecretField({ label, value, warning, onDone }: { label: string; value: string; warning: ReactNode; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [value]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied to the clipboard.');
    } catch {
      input.current?.focus();
      input.current?.select();
      setCopied('Copying is not available here: the text is selected, press Ctrl+C (⌘C) to copy it.');
    }
  };
  return (
    <div className="secret card" role="region" aria-labelledby={`${id}-label`}>
      <p className="notice" id={`${id}-warning`}>
        <strong>Shown once.</strong> {warning}
      </p>
      <div className="field">
        <label htmlFor={id} id={`${id}-label`}>
          {label}
        </label>
        <input
          ref={input}
          id={id}
          className="secret-value"
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-warning`}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" onClick={onDone}>
          I have saved it
        </button>
        <span role="status" aria-live="polite">
          {copied}
        </span>
      </div>
    </div>
  );
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  error?: string;
  hint?: ReactNode;
}

/** Field for multi-line text, with the same markup as ui/Field. */
export function TextAreaField({ label, error, hint, id, ...textarea }: TextAreaFieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={inputId}>{label}</label>
      <textarea
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : hint ? hintId : undefined}
        {...textarea}
      />
      {hint && !error && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** A set of checkboxes under one legend (roles, teams). */
export function CheckboxGroup({
  legend,
  options,
  value,
  onChange,
  error,
  hint,
  disabled,
}: {
  legend: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  const id = useId();
  const toggle = (option: string, on: boolean) =>
    onChange(on ? [...value.filter((v) => v !== option), option] : value.filter((v) => v !== option));
  return (
    <fieldset
      className={error ? 'field checkbox-group field-invalid' : 'field checkbox-group'}
      aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      disabled={disabled}
    >
      <legend>{legend}</legend>
      {options.length === 0 && <span className="field-hint">None to choose from.</span>}
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="checkbox" checked={value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} /> {o.label}
        </label>
      ))}
      {hint && !error && (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

/** The answer to a 412: someone else changed the record; reload and try again. */
export function StaleNotice({ what, onReload, busy }: { what: string; onReload: () => void; busy?: boolean }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{what} was changed by someone else. Reload to see the latest version, then make your changes again.</p>
      <button type="button" onClick={onReload} disabled={busy}>
        {busy ? 'Reloading…' : 'Reload'}
      </button>
    </div>
  );
}
