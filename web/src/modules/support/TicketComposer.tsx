// The ticket's composer: a public reply or an internal note (a switch, and a distinct look for
// notes), a preview, "reply and set status", canned replies when the server offers them. A reply
// carries the version of the ticket the agent had when starting to write (If-Match): when another
// agent replied or changed the ticket meanwhile, the server refuses it (412) and the composer says
// so, shows what changed (the page reloads and highlights it) and lets the agent send anyway or
// edit first. A canned reply fills the text and may set the status with the reply and the
// priority and tags after it (cannedReplies.ts). Files are uploaded as they are picked (ComposerFiles.tsx) and named on the message.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { actionPatch, describeActions, renderCanned, useCannedReplies, type CannedActions } from './cannedReplies';
import { ComposerFileList, useComposerFiles } from './ComposerFiles';
import type { Ticket } from './types';

interface Props {
  ticket: Ticket;
  onTyping: () => void;
  /** The agent started a new reply (the page keeps what it showed then). */
  onDraftStart: () => void;
  onSent: () => void;
  /** The reply was refused as stale: reload, and answer what changed. */
  onStale: () => Promise<string[]>;
}

export function TicketComposer({ ticket, onTyping, onDraftStart, onSent, onStale }: Props) {
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [preview, setPreview] = useState(false);
  const [status, setStatus] = useState('');
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [conflict, setConflict] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canned = useCannedReplies();
  const [macro, setMacro] = useState<CannedActions | null>(null);
  const files = useComposerFiles(ticket.id);
  const closed = ticket.status === 'closed';

  const edit = (value: string) => {
    if (value && baseVersion === null) {
      setBaseVersion(ticket.version);
      onDraftStart();
    }
    if (!value) setBaseVersion(null);
    setText(value);
    onTyping();
  };

  const send = async (anyway: boolean) => {
    setBusy(true);
    setError(null);
    const version = anyway ? ticket.version : (baseVersion ?? ticket.version);
    try {
      const body: Record<string, unknown> = { kind, body_text: text };
      if (kind === 'reply' && status) body.status = status;
      if (files.ids.length > 0) body.attachment_ids = files.ids;
      const sent = await api<{ ticket: Ticket }>('POST', `/tickets/${ticket.id}/messages`, { body, ifMatch: version });
      const patch = macro && actionPatch(sent.ticket, macro);
      if (patch) {
        // The reply is in whatever happens here: say what was not applied rather than resend.
        await api('PATCH', `/tickets/${ticket.id}`, { body: patch, ifMatch: sent.ticket.version }).catch((e: unknown) =>
          setError(`The reply was sent, but the canned reply's changes were not applied: ${e instanceof ApiError ? e.message : 'the request failed'}.`),
        );
      }
      setMacro(null);
      setText('');
      files.clear();
      setStatus('');
      setPreview(false);
      setBaseVersion(null);
      setConflict(null);
      onSent();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setConflict(await onStale());
      } else {
        setError(e instanceof ApiError ? (Object.values(e.fieldErrors)[0] ?? e.message) : 'Sending failed.');
      }
    } finally {
      setBusy(false);
    }
  };

  if (closed) return <p className="notice">This ticket is closed: it takes no more replies.</p>;
  return (
    <form
      className={`composer composer-${kind}`}
      aria-label={kind === 'note' ? 'Write an internal note' : 'Write a reply'}
      onSubmit={(e) => {
        e.preventDefault();
        void send(false);
      }}
    >
      <div className="composer-tabs" role="radiogroup" aria-label="Message kind">
        <label>
          <input type="radio" name="kind" checked={kind === 'reply'} onChange={() => setKind('reply')} /> Reply to customer
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === 'note'} onChange={() => setKind('note')} /> Internal note
        </label>
        {canned && canned.length > 0 && (
          <label>
            <span className="visually-hidden">Insert a canned reply</span>
            <select
              value=""
              onChange={(e) => {
                const reply = canned.find((c) => c.id === e.target.value);
                if (!reply) return;
                void renderCanned(reply, ticket.id).then(({ body, actions }) => {
                  edit(text ? `${text}\n\n${body}` : body);
                  if (actions.status) setStatus(actions.status);
                  setMacro(actions);
                });
              }}
            >
              <option value="">Canned reply…</option>
              {canned.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {kind === 'note' && <p className="composer-hint">Internal: only staff see notes; the customer never does.</p>}
      {preview ? (
        <div className="composer-preview" aria-label="Preview">
          <p className="message-body">{text || 'Nothing written yet.'}</p>
        </div>
      ) : (
        <label>
          <span className="visually-hidden">{kind === 'note' ? 'Note' : 'Reply'}</span>
          <textarea rows={6} value={text} maxLength={100000} placeholder={kind === 'note' ? 'A note for colleagues…' : 'Your reply…'} onChange={(e) => edit(e.target.value)} />
        </label>
      )}
      {macro && describeActions(macro).length > 0 && (
        <p className="composer-hint-plain">With this reply, the canned reply also sets {describeActions(macro).join(', ')}.</p>
      )}
      <ComposerFileList files={files} />
      {conflict && (
        <div className="notice notice-error" role="alert">
          <p>Another agent replied to or changed this ticket while you were writing. New messages are highlighted above.</p>
          {conflict.length > 0 && (
            <ul>
              {conflict.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          <button type="button" className="primary" disabled={busy} onClick={() => void send(true)}>
            Send anyway
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              setConflict(null);
              setBaseVersion(ticket.version);
              onDraftStart();
            }}
          >
            Edit first
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-actions">
        <button type="button" aria-pressed={preview} onClick={() => setPreview((p) => !p)}>
          {preview ? 'Edit' : 'Preview'}
        </button>
        {kind === 'reply' && (
          <label>
            <span>Then set</span>
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">Status unchanged</option>
              <option value="open">Open</option>
              <option value="pending">Pending</option>
              <option value="on_hold">On hold</option>
              <option value="solved">Solved</option>
            </select>
          </label>
        )}
        <button type="submit" className="primary" disabled={busy || !text.trim() || conflict !== null || files.uploading}>
          {kind === 'note' ? 'Add note' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}
