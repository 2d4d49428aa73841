// Files an agent attaches to a reply or note. Each picked file is uploaded to the ticket at once
// (POST /tickets/{id}/attachments, the raw bytes, its name in ?name=) so that a large file travels
// while the agent is still writing; the message then names the uploads in `attachment_ids`.
// Removing a file here only forgets it: uploads that no message names are swept by the server
// after a day. The server judges size (413 over the limit) and type (sniffed from the bytes).
import { useCallback, useRef, useState } from 'react';
import { ApiError, upload } from '../../api/client';
import { fileSize } from './Conversation';
import type { TicketAttachment } from './types';

export interface ComposerFile {
  key: number;
  name: string;
  size: number;
  state: 'uploading' | 'ready' | 'failed';
  id?: string;
  error?: string;
}

export interface ComposerFiles {
  files: ComposerFile[];
  add: (picked: Iterable<File>) => void;
  remove: (key: number) => void;
  clear: () => void;
  /** The uploads that are ready, for `attachment_ids`. */
  ids: string[];
  uploading: boolean;
}

/** `uploadPath`: where the files go (a ticket's attachments by default; a chat's files too). */
export function useComposerFiles(ticketId: string, uploadPath = `/tickets/${ticketId}/attachments`): ComposerFiles {
  const [files, setFiles] = useState<ComposerFile[]>([]);
  const next = useRef(1);
  const update = (key: number, change: Partial<ComposerFile>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f)));
  const add = useCallback(
    (picked: Iterable<File>) => {
      for (const file of picked) {
        const key = next.current++;
        setFiles((all) => [...all, { key, name: file.name, size: file.size, state: 'uploading' }]);
        upload<TicketAttachment>('POST', `${uploadPath}?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream').then(
          (stored) => update(key, { state: 'ready', id: stored.id }),
          (e: unknown) => update(key, { state: 'failed', error: e instanceof ApiError ? e.message : 'The upload failed.' }),
        );
      }
    },
    [uploadPath],
  );
  return {
    files,
    add,
    remove: (key) => setFiles((all) => all.filter((f) => f.key !== key)),
    clear: () => setFiles([]),
    ids: files.flatMap((f) => (f.state === 'ready' && f.id ? [f.id] : [])),
    uploading: files.some((f) => f.state === 'uploading'),
  };
}

/** The picker and the list of picked files with their state. */
export function ComposerFileList({ files }: { files: ComposerFiles }) {
  return (
    <div className="composer-files">
      <label className="file-picker">
        <span>Attach files</span>
        <input
          type="file"
          multiple
          onChange={(e) => {
            if (e.target.files) files.add(e.target.files);
            e.target.value = '';  // the same file may be picked again after removing it
          }}
        />
      </label>
      {files.files.length > 0 && (
        <ul aria-label="Files to send">
          {files.files.map((f) => (
            <li key={f.key} className={`composer-file composer-file-${f.state}`}>
              <span>{f.name}</span> <span className="muted">({fileSize(f.size)})</span>{' '}
              {f.state === 'uploading' && <span role="status">uploading…</span>}
              {f.state === 'failed' && <span className="field-error">{f.error}</span>}
              <button type="button" className="small link" aria-label={`Remove ${f.name}`} onClick={() => files.remove(f.key)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
