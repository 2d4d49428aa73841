// A form that shows errors by field: `errors` beside the fields, `formError` above them, and
// `busy` while the request runs. `check` shows the form's own findings before sending; `send`
// runs the request and sorts its failure into fields and the rest.
import { useState } from 'react';
import type { FieldErrors } from '../api/client';

/** A failure sorted into the form's fields and the rest (see placeErrors), or null when handled otherwise. */
type Placed = { fields: FieldErrors; rest: string | null } | null;

export function useFormSubmit() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Shows the problems found before sending; true when there are none. */
  const check = (problems: FieldErrors): boolean => {
    setErrors(problems);
    const ok = Object.keys(problems).length === 0;
    setFormError(ok ? null : 'Some fields need attention.');
    return ok;
  };

  const send = async (request: () => Promise<void>, place: (err: unknown) => Placed) => {
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await request();
    } catch (err) {
      const placed = place(err);
      if (placed) {
        setErrors(placed.fields);
        setFormError(placed.rest);
      }
    } finally {
      setBusy(false);
    }
  };

  return { errors, setErrors, formError, setFormError, busy, check, send };
}
