// A <details> whose content is rendered only while open: a collapsed form puts no fields in the
// page (nothing for autofill, the accessibility tree or a label search to find).
import { useState, type ReactNode } from 'react';

export function Disclosure({ summary, className, children }: { summary: string; className?: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={className} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children}
    </details>
  );
}
