// The synonym list search applies at query time (administrators): one group a line, its words or
// short phrases separated by commas ("parcel, package, shipment").
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useApi } from '../../api/useResource';
import { TextAreaField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { errorText } from '../../ui/errors';
import type { KbSynonyms } from './types';

export function toLines(groups: string[][]): string {
  return groups.map((g) => g.join(', ')).join('\n');
}

export function fromLines(text: string): string[][] {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 0);
}

export function SynonymsTab() {
  const synonyms = useApi<KbSynonyms>('/kb/synonyms');
  if (synonyms.error !== undefined && !synonyms.data) return <ErrorNote error={synonyms.error} onRetry={synonyms.reload} />;
  if (!synonyms.data) return <Loading what="synonyms" />;
  return <SynonymsForm key={synonyms.data.version ?? 0} value={synonyms.data} onSaved={(v) => synonyms.setData(() => v)} />;
}

function SynonymsForm({ value, onSaved }: { value: KbSynonyms; onSaved: (v: KbSynonyms) => void }) {
  const [text, setText] = useState(toLines(value.groups));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const next = await api<KbSynonyms>('PUT', '/kb/synonyms', { body: { groups: fromLines(text) }, ifMatch: value.version });
      setSaved(true);
      onSaved(next);
    } catch (err) {
      const fields = err instanceof ApiError ? Object.entries(err.fieldErrors) : [];
      setError(fields.length ? fields.map(([f, m]) => `${f.replace(/^groups\.(\d+)/, (_, n) => `line ${Number(n) + 1}`)}: ${m}`).join('; ') : errorText(err));
    }
  };
  return (
    <section aria-labelledby="kb-synonyms-title">
      <h2 id="kb-synonyms-title">Synonyms</h2>
      <p>Words customers use for the same thing. A search for one finds articles with any of the others.</p>
      <form onSubmit={(e) => void save(e)}>
        <FormError message={error} />
        {saved && (
          <p className="notice" role="status">
            Saved.
          </p>
        )}
        <TextAreaField label="Synonym groups (one group a line, comma-separated)" value={text} onChange={(e) => setText(e.target.value)} rows={12} />
        <div className="actions">
          <button type="submit" className="primary">
            Save synonyms
          </button>
        </div>
      </form>
    </section>
  );
}
