// Messages a form shows above its fields: its failure, and the answer to a 412 (someone else
// changed the record meanwhile).

/** A form-level message above the fields. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
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
