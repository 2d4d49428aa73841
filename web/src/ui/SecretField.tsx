// A secret the server shows once (a new API token, an initial password).
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

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
