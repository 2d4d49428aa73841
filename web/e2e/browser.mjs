// What the end-to-end suites share: Debian's Chromium (never a downloaded browser), a page signed
// in as a staff member, axe-core on a screen (no serious or critical violations), and where
// screenshots go (e2e/artifacts/).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const ARTIFACTS = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts');

export function launchChromium() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A new browser context signed in as `email` through the sign-in form, on Home (where the app
 * opens). The context closes with `page.context().close()`.
 */
export async function signedInPage(browser, baseURL, email, password, viewport = { width: 1360, height: 900 }) {
  const context = await browser.newContext({ viewport, baseURL, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Good to see you/ }).waitFor();
  return page;
}

/** axe-core on the current screen: no serious or critical violations. */
export async function checkAccessibility(page, screen) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], `${screen}: accessibility violations ${JSON.stringify(serious, null, 1)}`);
}
