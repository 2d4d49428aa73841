// How a failed request reads to the user: one sentence for a whole form, or the server's field
// errors sorted into the form's fields. Pure; used by every form and action button.
import { ApiError, type FieldErrors } from '../api/client';

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return error.message || 'You do not have permission to do this.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

/** A `place` for placeErrors: a path belongs to its first segment when that is one of `fields`. */
export function byRoot(fields: string[]): (path: string) => string | null {
  return (path) => {
    const root = path.split(/[.[]/)[0];
    return fields.includes(root) ? root : null;
  };
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
