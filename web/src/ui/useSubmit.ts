// A form's submission: the submit handler, `busy` while the action runs, and the failure it
// ended in, as `failure` words it (cleared when the form is sent again).
import { useState, type FormEvent } from 'react';

export function useSubmit<E>(action: () => Promise<void>, failure: (err: unknown) => E) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<E | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(failure(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
