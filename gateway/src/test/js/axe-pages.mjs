// Checks pages of a running gateway in Debian's chromium, driven by playwright-core: axe-core at WCAG 2.1 AA, reflow
// at 320 px and, when asked, keyboard use (skip link first, every link reachable by Tab, a visible focus indicator).
//
// Protocol (AccessibilityIT): one JSON request per line on stdin, {"name", "url", "status", "keyboard"}; one JSON
// answer per line on stdout, {"name", "status", "violations", "keyboardProblems", "reflowProblems", "tabStops",
// "rulesRun"}. The browser starts once; between two requests the test may switch its recorded backends (stats
// down, catalog down).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Never let the machine's closed network slow or break the browser: no background connections at all.
const userDataDir = fs.mkdtempSync(path.join(process.env.AXE_TMPDIR || os.tmpdir(), 'axe-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  // the pages forbid inline scripts (CSP); axe is injected by the test, not by the page
  bypassCSP: true,
  viewport: { width: 1280, height: 900 },
  locale: 'nl-NL',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();

async function axeViolations() {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  }), WCAG_21_AA);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
  }));
}

/** Where the keyboard focus is, and whether a sighted keyboard user can see it. */
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) {
    return null;
  }
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadowed = style.boxShadow && style.boxShadow !== 'none';
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    href: el.getAttribute('href'),
    text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80),
    indicator: outlined || shadowed,
    onScreen: rect.width > 1 && rect.height > 1 && rect.bottom > 0 && rect.right > 0,
    index: Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'))
      .indexOf(el),
  };
}

async function keyboardProblems(url, answer) {
  const problems = [];
  // 1. The first Tab lands on a visible skip link; Enter moves the focus to the main content.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(focusState);
  if (!first || first.href !== '#inhoud') {
    problems.push(`first Tab should reach the skip link to #inhoud, reached ${JSON.stringify(first)}`);
  } else {
    if (!first.onScreen || !first.indicator) {
      problems.push(`skip link not visible when focused: ${JSON.stringify(first)}`);
    }
    await page.keyboard.press('Enter');
    const target = await page.evaluate(() => ({ hash: location.hash, focused: document.activeElement?.id }));
    if (target.hash !== '#inhoud' || target.focused !== 'inhoud') {
      problems.push(`skip link should move the focus to main#inhoud, got ${JSON.stringify(target)}`);
    }
  }
  // 2. Tab from the top reaches every focusable element once, in document order, each with a visible focus.
  await page.goto(url);
  const focusable = await page.evaluate(() => Array.from(
    document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'))
    .filter((el) => !el.disabled && el.getClientRects().length > 0).length);
  const seen = [];
  for (let i = 0; i < focusable + 2; i++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate(focusState);
    if (!state || (seen.length > 0 && state.index === seen[0].index)) {
      break; // left the page (back to the browser) or wrapped around
    }
    seen.push(state);
    if (!state.indicator) {
      problems.push(`no visible focus indicator on ${state.tag} "${state.text}"`);
    }
  }
  answer.tabStops = seen.length;
  if (seen.length !== focusable) {
    problems.push(`Tab reached ${seen.length} of ${focusable} focusable elements`);
  }
  const order = seen.map((s) => s.index);
  if (order.some((v, i) => i > 0 && v <= order[i - 1])) {
    problems.push(`Tab order differs from document order: ${order.join(',')}`);
  }
  return problems;
}

/** WCAG 1.4.10: at 320 CSS pixels wide the page reads without scrolling sideways (and axe still passes). */
async function reflowProblems(url) {
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    await page.goto(url, { waitUntil: 'load' });
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: innerWidth }));
    const problems = widths.scroll > widths.view
      ? [`at 320 px the page is ${widths.scroll} px wide: horizontal scrolling`] : [];
    for (const v of await axeViolations()) {
      problems.push(`at 320 px: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target).join(', ')}`);
    }
    return problems;
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

async function check(request) {
  const response = await page.goto(request.url, { waitUntil: 'load' });
  const answer = {
    name: request.name, status: response ? response.status() : 0,
    violations: [], keyboardProblems: [], reflowProblems: [], tabStops: 0,
  };
  answer.violations = await axeViolations();
  answer.rulesRun = await page.evaluate((tags) => window.axe.getRules(tags).length, WCAG_21_AA);
  if (request.keyboard) {
    await page.goto(request.url, { waitUntil: 'load' });
    answer.keyboardProblems = await keyboardProblems(request.url, answer);
  }
  answer.reflowProblems = await reflowProblems(request.url);
  return answer;
}

const lines = readline.createInterface({ input: process.stdin });
process.stdout.write(JSON.stringify({ ready: true, browser: context.browser()?.version() ?? 'chromium' }) + '\n');
try {
  for await (const line of lines) {
    if (!line.trim()) {
      continue;
    }
    const request = JSON.parse(line);
    let answer;
    try {
      answer = await check(request);
    } catch (e) {
      answer = { name: request.name, error: String(e && e.stack || e) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
