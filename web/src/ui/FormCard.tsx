// A form in a card of its own under a heading (adding or defining something): the heading names
// the form, its failure shows above the fields and its submit button below them.
import type { FormEvent, ReactNode } from 'react';
import { FormActions } from './FormActions';
import { FormError } from './Notices';

export function FormCard({
  titleId,
  title,
  onSubmit,
  formError,
  busy,
  label,
  busyLabel,
  children,
}: {
  titleId: string;
  title: string;
  onSubmit: (e: FormEvent) => void;
  formError: string | null;
  busy: boolean;
  /** The submit button's text, and its text while the form is being sent. */
  label: string;
  busyLabel: string;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <form onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
        <FormError message={formError} />
        {children}
        <FormActions busy={busy} label={label} busyLabel={busyLabel} />
      </form>
    </section>
  );
}
