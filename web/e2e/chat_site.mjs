// Shared by the chat browser suites: the business's website on another origin that embeds the
// widget with one script tag, and an agent signed in to the app in a browser context of its own.
import http from 'node:http';
import { signedInPage } from './browser.mjs';

/**
 * Serves the shop page on a free loopback port; `head` goes before the widget's script (a site
 * that vouches for its signed-in customer sets window.RapportChatSettings there).
 * Resolves with { origin, close }.
 */
export async function startShopSite(serverBaseUrl, { title, head = '', body = '<p>Our products.</p>' }) {
  const site = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>The shop</h1>
      ${body}</main>${head}
      <script async src="${serverBaseUrl}/widget/rapport-chat.js" data-rapport-title="${title}"></script>
      </body></html>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${site.address().port}`,
    close: () => new Promise((resolve) => site.close(resolve)),
  };
}

/** A page of the app signed in as `email`, once the live stream is connected. */
export async function signInAgent(browser, baseURL, email, password) {
  const page = await signedInPage(browser, baseURL, email, password);
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  return page;
}
