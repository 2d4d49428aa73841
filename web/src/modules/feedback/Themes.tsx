// "You said, we did" (docs/design/surveys.md § Themes): what customers write about, counted per
// theme — a bar per theme, and the chosen theme's answers per week — beside what the business did
// about it. Staff name themes with keywords (they tag the last year's comments at once and every
// new one), record what was done, and open a theme's answers on a survey's page.
import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { BarChart } from '../../ui/BarChart';
import { DayChart } from '../../ui/DayChart';
import { Empty, ErrorNote } from '../../ui/States';
import { useSubmit } from '../../ui/useSubmit';
import type { FeedbackTheme, FeedbackThemeReport } from './types';

type Reported = FeedbackThemeReport['themes'][number];
type Week = { date: string; n: number };

export function Themes({ canEdit }: { canEdit: boolean }) {
  const report = useApi<FeedbackThemeReport>('/feedback/themes');
  const [chosen, setChosen] = useState<string>('');
  const themes = report.data?.themes ?? [];
  const shown = themes.find((t) => t.id === chosen) ?? themes[0];
  const weeks: Week[] = (shown?.weeks ?? []).map((w) => ({ date: w.week, n: w.n }));
  return (
    <section aria-labelledby="themes-title">
      <h2 id="themes-title">You said, we did</h2>
      {report.error !== undefined && <ErrorNote error={report.error} onRetry={report.reload} />}
      {report.data && themes.length === 0 && <Empty>No themes yet: name one below, with the words customers use for it.</Empty>}
      {themes.length > 0 && (
        <>
          <BarChart<Reported>
            title="Answers per theme"
            rows={themes}
            name={(t) => t.name}
            series={[{ key: 'count', label: 'Answers', color: '#3b6fd1' }]}
            value={(t) => t.count}
          />
          <label>
            Theme over time{' '}
            <select value={shown?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          {shown && (
            <DayChart<Week>
              title={`“${shown.name}” answers per week`}
              days={weeks}
              bars={[{ key: 'n', label: 'Answers', color: '#3b6fd1' }]}
              value={(w) => w.n}
            />
          )}
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col">Keywords</th>
                <th scope="col">Answers</th>
                <th scope="col">We did</th>
              </tr>
            </thead>
            <tbody>
              {themes.map((t) => (
                <ThemeRow key={t.id} theme={t} canEdit={canEdit} onSaved={report.reload} />
              ))}
            </tbody>
          </table>
        </>
      )}
      {canEdit && <NewTheme onCreated={report.reload} />}
    </section>
  );
}

function ThemeRow({ theme, canEdit, onSaved }: { theme: Reported; canEdit: boolean; onSaved: () => void }) {
  const [text, setText] = useState(theme.we_did ?? '');
  const { busy, error, submit } = useSubmit(
    async () => {
      await api<FeedbackTheme>('PATCH', `/feedback/themes/${theme.id}`, { body: { we_did: text || null }, ifMatch: theme.version });
      onSaved();
    },
    (err) => err,
  );
  return (
    <tr>
      <th scope="row">{theme.name}</th>
      <td>{theme.keywords.join(', ')}</td>
      <td>{theme.count}</td>
      <td>
        {canEdit ? (
          <form onSubmit={submit} aria-label={`We did: ${theme.name}`}>
            <label>
              <span className="visually-hidden">What we did about {theme.name}</span>
              <input value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
            </label>
            <button type="submit" className="small" disabled={busy}>
              Save
            </button>
            {error !== null && <ErrorNote error={error} />}
          </form>
        ) : (
          (theme.we_did ?? '—')
        )}
        {theme.we_did_at && <span className="muted"> since {new Date(theme.we_did_at).toLocaleDateString()}</span>}
      </td>
    </tr>
  );
}

function NewTheme({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [keywords, setKeywords] = useState('');
  const [tagged, setTagged] = useState<number | null>(null);
  const { busy, error, submit } = useSubmit(
    async () => {
      const words = keywords.split(',').map((w) => w.trim()).filter(Boolean);
      const created = await api<FeedbackTheme>('POST', '/feedback/themes', { body: { name, keywords: words } });
      setTagged(created.tagged ?? 0);
      setName('');
      setKeywords('');
      onCreated();
    },
    (err) => err,
  );
  return (
    <form className="toolbar" onSubmit={submit} aria-label="New theme">
      <label>
        Theme <input value={name} required maxLength={80} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Keywords (comma-separated) <input value={keywords} onChange={(e) => setKeywords(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Add theme
      </button>
      {tagged !== null && <p role="status">Added; {tagged} earlier answers mention it.</p>}
      {error !== null && <ErrorNote error={error} />}
    </form>
  );
}
