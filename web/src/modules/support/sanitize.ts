// A customer's HTML email, made safe to look at: DOMPurify with a strict configuration (no
// scripts, forms, frames, styles that load, event handlers), remote images replaced by a
// placeholder unless the agent asked to see them (they tell the sender the mail was opened),
// and the result shown in a sandboxed iframe without allow-scripts (MessageHtml.tsx). Tested.
//
// Event handler attributes are taken out before the browser ever parses the mail: Chromium
// checks an inline handler against the page's Content-Security-Policy as soon as any parser of
// the page creates it (DOMParser and <template> included), so DOMPurify's own parse would trip
// the policy — blocked, but noisy, and a report of hostile markup reaching the page's parser.
// parse5 (the WHATWG parsing algorithm in plain JavaScript, no DOM) reads the mail instead; its
// serialisation re-parses to the same tree, which DOMPurify then sanitises as before.
import DOMPurify from 'dompurify';
import { parse, serialize } from 'parse5';

export const SANITIZE_CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'script', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'svg', 'math'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'background', 'ping'],
  ALLOW_DATA_ATTR: false,
};

const REMOTE = /^\s*(https?:)?\/\//i;

interface Parse5Node {
  attrs?: { name: string; value: string }[];
  childNodes?: Parse5Node[];
  content?: Parse5Node;
}

/** `html` as a whole document with every `on…` attribute removed, without touching the DOM. */
export function withoutEventHandlers(html: string): string {
  const document = parse(html);
  const pending: Parse5Node[] = [document as unknown as Parse5Node];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.attrs) node.attrs = node.attrs.filter((attr) => !/^on/i.test(attr.name));
    if (node.childNodes) pending.push(...node.childNodes);
    if (node.content) pending.push(node.content);  // a <template>'s contents
  }
  return serialize(document);
}

/** The sanitised HTML; remote images blocked unless `showImages`; every link opens outside. */
export function sanitizeEmailHtml(html: string, showImages: boolean): { html: string; blockedImages: number } {
  let blockedImages = 0;
  const purifier = DOMPurify();
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (REMOTE.test(src) && !showImages) {
        node.removeAttribute('src');
        node.setAttribute('alt', `[image blocked: ${node.getAttribute('alt') || 'remote image'}]`);
        blockedImages += 1;
      } else if (!REMOTE.test(src) && !src.startsWith('data:image/')) {
        node.removeAttribute('src');  // cid: and the like: not served (attachments are listed)
      }
    }
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  const clean = purifier.sanitize(withoutEventHandlers(html), SANITIZE_CONFIG) as unknown as string;
  return { html: String(clean), blockedImages };
}

/**
 * The iframe's whole document: the sanitised body and its own policy (nothing may load but
 * images). The frame also inherits the app's Content-Security-Policy (a srcdoc document does), so
 * it carries no inline style and no <base> (the app forbids both); remote images load only after
 * "Show images" because the app's img-src allows https: for exactly this.
 */
export function frameDocument(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: data:"></head><body>${body}</body></html>`;
}
