// A customer's HTML email, shown only on request and only sanitised, inside a sandboxed frame
// that may run nothing (no allow-scripts, no allow-same-origin); remote images stay blocked
// until the agent chooses to show them (sanitize.ts). The sanitiser (DOMPurify and parse5, about
// a fifth of the app's code) is loaded the first time an agent asks for a formatted email.
import { useEffect, useState } from 'react';

type Sanitizer = typeof import('./sanitize');

export function MessageHtml({ html, label }: { html: string; label: string }) {
  const [showImages, setShowImages] = useState(false);
  const [sanitizer, setSanitizer] = useState<Sanitizer | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    import('./sanitize').then(
      (module) => live && setSanitizer(module),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  if (failed) return <p className="field-error">The formatted email could not be shown; reload the page to try again.</p>;
  if (!sanitizer) return <p className="muted">Preparing the formatted email…</p>;
  const clean = sanitizer.sanitizeEmailHtml(html, showImages);
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
      <iframe title={label} sandbox="" referrerPolicy="no-referrer" srcDoc={sanitizer.frameDocument(clean.html)} />
    </div>
  );
}
