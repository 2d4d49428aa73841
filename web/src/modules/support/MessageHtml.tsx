// A customer's HTML email, shown only on request and only sanitised, inside a sandboxed frame
// that may run nothing (no allow-scripts, no allow-same-origin); remote images stay blocked
// until the agent chooses to show them (sanitize.ts).
import { useMemo, useState } from 'react';
import { frameDocument, sanitizeEmailHtml } from './sanitize';

export function MessageHtml({ html, label }: { html: string; label: string }) {
  const [showImages, setShowImages] = useState(false);
  const clean = useMemo(() => sanitizeEmailHtml(html, showImages), [html, showImages]);
  return (
    <div className="message-html">
      {clean.blockedImages > 0 && (
        <p className="notice">
          {clean.blockedImages === 1 ? '1 remote image was blocked' : `${clean.blockedImages} remote images were blocked`} (they can tell the sender you opened it).{' '}
          <button type="button" className="small" onClick={() => setShowImages(true)}>
            Show images
          </button>
        </p>
      )}
      <iframe title={label} sandbox="" referrerPolicy="no-referrer" srcDoc={frameDocument(clean.html)} />
    </div>
  );
}
