// Shared by the chat browser suites: the business's website on another origin that embeds the
// widget with one script tag, and an agent signed in to the app in a browser context of its own.
import http from 'node:http';

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
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Good to see you/ }).waitFor(); // the app opens on Home
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  return page;
}
