// One article in the editor: title, category, tags, topic, language, slug, and the Markdown with
// a live preview rendered by the server exactly as a save would (POST /kb/render). Save keeps the
// status (a new article is a draft); Publish and Archive change it (knowledge-base edit). Every
// save is a revision: the list beside the editor shows them, one can be viewed and restored.
// The preview's HTML is sanitised by the server; DOMPurify runs over it again before it is shown.
import DOMPurify from 'dompurify';
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useApi, useResource } from '../../api/useResource';
import { Link, navigate } from '../../app/router';
import { can, useSession } from '../../app/session';
import { DeleteButton } from '../../ui/Buttons';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { formatDateTime, humanize } from '../../ui/format';
import { FormError, StaleNotice } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { useDebounced } from '../../ui/useDebounced';
import { byRoot, placeErrors } from '../../ui/errors';
import { Revisions } from './Revisions';
import { draftOf, inputOf, type ArticleDraft, type ArticleStatus, type KbArticle, type KbCategory } from './types';

const FIELDS = ['title', 'slug', 'body', 'category_id', 'tags', 'topic', 'language', 'status'];

const SAVED: Record<string, string> = {
  draft: 'Saved as a draft.',
  published: 'Saved and published.',
  archived: 'Saved and archived.',
};

export function ArticleEditor({ id }: { id: string | null }) {
  const article = useApi<KbArticle>(id ? `/kb/articles/${id}` : null);
  // A new article's first save moves to its own URL with ?saved=<status>, to say so there.
  const [notice, setNotice] = useState<string | null>(() => SAVED[new URLSearchParams(window.location.search).get('saved') ?? ''] ?? null);
  if (id && article.error !== undefined && !article.data) return <ErrorNote error={article.error} onRetry={article.reload} />;
  if (id && !article.data) return <Loading what="the article" />;
  return (
    <Editor
      key={article.data?.version ?? 'new'}
      article={article.data}
      notice={notice}
      setNotice={setNotice}
      onSaved={(a) => article.setData(() => a)}
    />
  );
}

interface EditorProps {
  article: KbArticle | undefined;
  notice: string | null;
  setNotice: (text: string | null) => void;
  onSaved: (a: KbArticle) => void;
}

function Editor({ article, notice, setNotice, onSaved }: EditorProps) {
  const { me } = useSession();
  const mayPublish = can(me, 'knowledge_base', 'edit');
  const mayWrite = can(me, 'knowledge_base', 'create') && (mayPublish || !article || article.status === 'draft');
  const [draft, setDraft] = useState<ArticleDraft>(() => draftOf(article));
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const categories = useApi<{ data: KbCategory[] }>('/kb/categories');
  const set = (key: keyof ArticleDraft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  const body = useDebounced(draft.body, 300);
  const preview = useResource(
    (signal) => api<{ html: string }>('POST', '/kb/render', { body: { body }, signal }),
    `render\n${body}`,
  );
  const previewHtml = useMemo(() => (preview.data ? DOMPurify.sanitize(preview.data.html) : ''), [preview.data]);

  const save = async (status?: ArticleStatus) => {
    setBusy(true);
    setFields({});
    setFormError(null);
    setNotice(null);
    try {
      const input = { ...inputOf(draft), ...(status ? { status } : {}) };
      const saved = article
        ? await api<KbArticle>('PATCH', `/kb/articles/${article.id}`, { body: input, ifMatch: article.version })
        : await api<KbArticle>('POST', '/kb/articles', { body: input });
      if (!article) {
        navigate(`/kb/articles/${saved.id}?saved=${saved.status}`, { replace: true });
      } else {
        setNotice(SAVED[saved.status] ?? null);
        onSaved(saved);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setStale(true);
      const placed = placeErrors(error, byRoot(FIELDS));
      setFields(placed.fields);
      setFormError(placed.rest);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  const categoryOptions = [{ value: '', label: 'No category' }, ...(categories.data?.data ?? []).map((c) => ({ value: c.id, label: c.name }))];
  return (
    <section className="kb-editor" aria-labelledby="kb-editor-title">
      <p>
        <Link to="/kb/articles">← All articles</Link>
      </p>
      <div className="page-header">
        <h1 id="kb-editor-title">{article ? article.title : 'New article'}</h1>
        {article && (
          <span className={`badge badge-${article.status}`} aria-label={`Status: ${article.status}`}>
            {humanize(article.status)}
          </span>
        )}
        {article?.status === 'published' && (
          <a href={`/help/articles/${article.slug}`} target="_blank" rel="noopener">
            View the public page
          </a>
        )}
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {stale && <StaleNotice what="article" onReload={() => window.location.reload()} />}
      <FormError message={formError} />
      <div className="kb-editor-grid">
        <form onSubmit={submit} className="kb-editor-form" aria-label="Article">
          <Field label="Title" value={draft.title} onChange={set('title')} maxLength={200} required error={fields.title} />
          <SelectField label="Category" value={draft.category_id} onChange={set('category_id')} options={categoryOptions} error={fields.category_id} />
          <Field label="Tags (comma-separated)" value={draft.tags} onChange={set('tags')} error={fields.tags} />
          <Field label="Topic" value={draft.topic} onChange={set('topic')} maxLength={64} hint="What the article answers, e.g. shipping-times" error={fields.topic} />
          <Field label="Language" value={draft.language} onChange={set('language')} maxLength={10} error={fields.language} />
          <Field label="Slug" value={draft.slug} onChange={set('slug')} maxLength={100} hint="Made from the title when empty" error={fields.slug} />
          <TextAreaField label="Article (Markdown)" value={draft.body} onChange={set('body')} rows={16} required error={fields.body} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !mayWrite}>
              {busy ? 'Saving…' : article ? 'Save' : 'Save draft'}
            </button>
            {mayPublish && article?.status !== 'published' && (
              <button type="button" disabled={busy} onClick={() => void save('published')}>
                Publish
              </button>
            )}
            {mayPublish && article?.status === 'published' && (
              <button type="button" disabled={busy} onClick={() => void save('archived')}>
                Archive
              </button>
            )}
            {article && can(me, 'knowledge_base', 'delete') && (
              <DeleteButton
                label={`Delete ${article.title}`}
                question="Delete this article and all its revisions? This cannot be undone."
                confirmLabel="Yes, delete"
                onConfirm={async () => {
                  await api('DELETE', `/kb/articles/${article.id}`, { ifMatch: article.version });
                  navigate('/kb/articles');
                }}
              />
            )}
          </div>
          {!mayWrite && <p className="field-hint">Your role may read this article but not change it.</p>}
        </form>
        <section className="kb-preview" aria-labelledby="kb-preview-title">
          <h2 id="kb-preview-title">Preview</h2>
          {preview.error !== undefined && <ErrorNote error={preview.error} />}
          {/* Sanitised by the server (as saved) and again by DOMPurify. */}
          <div className="kb-preview-body" data-testid="kb-preview" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        </section>
      </div>
      {article && (
        <Revisions
          article={article}
          mayRestore={mayWrite}
          onRestored={(a) => {
            onSaved(a);
            setNotice(`Restored; saved as version ${a.version}.`);
          }}
        />
      )}
      {article && (
        <p className="field-hint">
          Version {article.version}, updated {formatDateTime(article.updated_at)}. Helpful: {article.helpful.yes} yes, {article.helpful.no} no.
        </p>
      )}
    </section>
  );
}
