// An article's saved revisions, newest first: view one's Markdown, restore it (a new save).
import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { AsyncButton } from '../../ui/Buttons';
import { formatDateTime, humanize } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/States';
import type { KbArticle, KbRevision, KbRevisionSummary } from './types';

export function Revisions({ article, mayRestore, onRestored }: { article: KbArticle; mayRestore: boolean; onRestored: (a: KbArticle) => void }) {
  const list = useApi<{ data: KbRevisionSummary[] }>(`/kb/articles/${article.id}/revisions?v=${article.version}`);
  const [shown, setShown] = useState<KbRevision | null>(null);
  const view = async (version: number) => setShown(await api<KbRevision>('GET', `/kb/articles/${article.id}/revisions/${version}`));
  const restore = async (version: number) => {
    const restored = await api<KbArticle>('POST', `/kb/articles/${article.id}/revisions/${version}/restore`, { ifMatch: article.version });
    setShown(null);
    onRestored(restored);
  };
  return (
    <section aria-labelledby="kb-revisions-title" className="kb-revisions">
      <h2 id="kb-revisions-title">Revisions</h2>
      {list.loading && !list.data && <Loading what="revisions" />}
      {list.error !== undefined && <ErrorNote error={list.error} onRetry={list.reload} />}
      <ol reversed>
        {(list.data?.data ?? []).map((r) => (
          <li key={r.version}>
            Version {r.version} · {humanize(r.status)} · {formatDateTime(r.saved_at)} · {r.title}{' '}
            <AsyncButton busyLabel="Loading…" onClick={() => view(r.version)} label={`View version ${r.version}`}>
              View
            </AsyncButton>
            {mayRestore && r.version !== article.version && (
              <AsyncButton busyLabel="Restoring…" onClick={() => restore(r.version)} label={`Restore version ${r.version}`}>
                Restore
              </AsyncButton>
            )}
          </li>
        ))}
      </ol>
      {shown && (
        <div className="kb-revision">
          <h3>
            Version {shown.version}: {shown.title}
          </h3>
          <pre className="kb-markdown">{shown.body}</pre>
          <button type="button" onClick={() => setShown(null)}>
            Close
          </button>
        </div>
      )}
    </section>
  );
}
