// Opens one document URL in Debian's chromium, driven by playwright-core, the way a visitor does: a top-level
// navigation that Chromium hands to its built-in PDF viewer. Prints one JSON line on stdout:
// {"status", "contentType", "contentDisposition", "downloadStarted", "viewer", "loadState", "pages", "title"}.
//
// Usage: node pdf-viewer.mjs <url> <user agent>   (CHROMIUM_PATH, PDF_VIEWER_TMPDIR from the environment)
// "loadState" and "pages" are read from the viewer's own elements (pdf-viewer, its page selector); a Chromium that
// renamed them answers null, and the test fails on that rather than passing without having looked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [url, userAgent] = process.argv.slice(2);
const userDataDir = fs.mkdtempSync(path.join(process.env.PDF_VIEWER_TMPDIR || os.tmpdir(), 'pdf-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  userAgent,
  acceptDownloads: false,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const result = { downloadStarted: false, viewer: false, loadState: null, pages: null, title: null };
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('download', () => { result.downloadStarted = true; });
  const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  result.status = response.status();
  result.contentType = response.headers()['content-type'] ?? null;
  result.contentDisposition = response.headers()['content-disposition'] ?? null;
  // the viewer is an extension frame inside the page; it loads the document it was handed, then counts its pages
  for (let i = 0; i < 120; i++) {
    const viewer = page.frames().find((f) => f.url().startsWith('chrome-extension://'));
    if (viewer) {
      result.viewer = true;
      Object.assign(result, await viewer.evaluate(() => {
        const element = document.querySelector('pdf-viewer');
        const selector = element?.shadowRoot?.querySelector('viewer-toolbar')?.shadowRoot
          ?.querySelector('viewer-page-selector');
        const toolbar = element?.shadowRoot?.querySelector('viewer-toolbar');
        return {
          loadState: element?.loadState_ ?? null,
          pages: selector?.docLength ?? element?.docLength_ ?? null,
          title: toolbar?.docTitle ?? (document.title || null),
        };
      }));
      if (result.loadState && result.loadState !== 'loading' && result.pages) {
        break;
      }
    }
    await page.waitForTimeout(250);
  }
} catch (e) {
  result.error = String(e.message).split('\n')[0];
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
