// The search of a built clerk site, in headless Chromium, as a reader
// using the keyboard alone: from a page's header to the results and on to
// the clause, opened from file:// and served over HTTP (by `clerk serve`).
// Run on the site built from tests/fixtures/search (Harrowby).
//
// Usage: node check-search.mjs SITE_DIR [--serve CLERK_BINARY PROTOCOLS]
//        node check-search.mjs SITE_DIR --measure COUNCIL QUERY...
//
// --measure prints, for each query, what its first run loaded and how long
// it took, for the benchmark (no checks).

import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const site = path.resolve(args[0]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
page.on('pageerror', (error) => problems.push(`script error on ${page.url()}: ${error.message}`));

// Tabs until `selector` has the focus; false if it never does.
async function tabTo(selector, most = 60) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return true;
  }
  return false;
}

async function searched() {
  await page.waitForFunction(() => {
    const status = document.getElementById('search-status');
    return status && status.textContent !== '' && !status.textContent.startsWith('Searching');
  }, null, { timeout: 10000 });
  return page.evaluate(() => document.getElementById('search-status').textContent);
}

// Types `query` in the field `field` reached by the keyboard, then Enter.
async function typeQuery(field, query) {
  if (!(await tabTo(field))) throw new Error(`the keyboard never reaches ${field} on ${page.url()}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(query);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  return searched();
}

// Follows the first result by the keyboard; where it leads and the text
// of the element its fragment names.
async function followFirst() {
  if (!(await tabTo('#search-results a'))) throw new Error('the keyboard never reaches a result');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const url = new URL(page.url());
  const target = url.hash ? await page.evaluate((id) => {
    const found = document.getElementById(id);
    return found ? (found.closest('.clause, li, p, h1, h2, h3, h4') ?? found).textContent : null;
  }, decodeURIComponent(url.hash.slice(1))) : '';
  return { file: path.basename(url.pathname), hash: url.hash, target };
}

function expect(what, ok, detail) {
  if (!ok) problems.push(`${what}: ${detail}`);
}

async function axe(where) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  for (const v of result.violations) {
    problems.push(`axe on ${where}: ${v.id} (${v.nodes.length}): ${v.help}`);
  }
}

async function checkFrom(origin, label) {
  // A phrase, from a document page's header.
  await page.goto(`${origin}/harrowby/contract-rules-2024.html`);
  let status = await typeQuery('#site-search-q', 'returned unopened');
  expect(`${label}: a phrase`, /^1 result /.test(status), status);
  let first = await followFirst();
  expect(`${label}: a phrase leads to its clause`, first.file === 'contract-rules-2024.html' && first.hash === '#c-3-2' &&
    /returned unopened/.test(first.target ?? ''), JSON.stringify(first));

  // A clause number three levels deep, from the search page.
  await page.goto(`${origin}/harrowby/search.html`);
  status = await typeQuery('#search-q', 'Rule 3.3.2');
  expect(`${label}: a clause number`, /^1 result /.test(status), status);
  first = await followFirst();
  expect(`${label}: a clause number leads to its clause`, first.hash === '#c-3-3-2' && /lower price wins/.test(first.target ?? ''), JSON.stringify(first));

  // A defined term: its definition first, of several results.
  await page.goto(`${origin}/harrowby/search.html`);
  status = await typeQuery('#search-q', 'chief finance officer');
  expect(`${label}: a defined term`, /^[2-9] results /.test(status), status);
  await axe(`${label} search results`);
  first = await followFirst();
  expect(`${label}: a defined term leads to its definition`, first.file === 'definitions-2024.html' &&
    first.hash === '#d-chief-finance-officer' && /means the officer designated/.test(first.target ?? ''), JSON.stringify(first));

  // A word only the proposed version holds: found only when proposals are asked for.
  await page.goto(`${origin}/harrowby/search.html`);
  status = await typeQuery('#search-q', 'auction');
  expect(`${label}: a proposed word in force`, /^0 results /.test(status), status);
  if (!(await tabTo('#search-versions'))) throw new Error('the keyboard never reaches the versions');
  await page.keyboard.press('ArrowDown');
  if (!(await tabTo('#search-form button'))) throw new Error('the keyboard never reaches the search button');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  status = await searched();
  expect(`${label}: a proposed word with proposals`, /^2 results .*with drafts and proposals/.test(status), status);
  const marks = await page.$$eval('.search-result .result-standing', (nodes) => nodes.map((n) => n.textContent));
  expect(`${label}: a proposal is marked as not in force`, marks.length === 2 && marks.every((m) => /NOT IN FORCE/.test(m)), JSON.stringify(marks));

  // More results than a page shows: ten, then the rest, the focus on the
  // first of them and the count saying how many are shown.
  await page.goto(`${origin}/harrowby/search.html?versions=all`);
  status = await typeQuery('#search-q', 'tender');
  expect(`${label}: twenty results, ten shown`, /^20 results .*The first 10 are shown\./.test(status), status);
  if (!(await tabTo('#search-more'))) throw new Error('the keyboard never reaches "Show more results"');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 20);
  const after = await page.evaluate(() => ({
    focused: document.activeElement === document.querySelectorAll('#search-results > li')[10].querySelector('a'),
    hidden: document.getElementById('search-more').hidden,
    status: document.getElementById('search-status').textContent,
  }));
  expect(`${label}: the rest shown, the focus on the first of them`, after.focused && after.hidden && /^20 results [^.]*\.$/.test(after.status), JSON.stringify(after));
}

async function measure(council, queries) {
  const loaded = [];
  for (const query of queries) {
    await page.goto(pathToFileURL(path.join(site, council, 'search.html')).href);
    const started = Date.now();
    await page.evaluate(async (q) => {
      const t0 = performance.now();
      await globalThis.clerkSearch.run('search/', q, { versions: 'now', part: '', document: '' });
      globalThis.firstQuery = performance.now() - t0;
      const t1 = performance.now();
      await globalThis.clerkSearch.run('search/', q, { versions: 'now', part: '', document: '' });
      globalThis.againQuery = performance.now() - t1;
    }, query);
    const first = await page.evaluate(() => globalThis.firstQuery);
    const again = await page.evaluate(() => globalThis.againQuery);
    const files = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    let bytes = 0;
    for (const file of files) {
      if (file.startsWith('file://')) bytes += (await stat(new URL(file))).size;
    }
    loaded.push({ query, files: files.length, kB: Math.round(bytes / 1024), first_ms: Math.round(first), again_ms: Math.round(again), wall_ms: Date.now() - started });
  }
  console.log(JSON.stringify(loaded));
}

const measureAt = args.indexOf('--measure');
if (measureAt >= 0) {
  await measure(args[measureAt + 1], args.slice(measureAt + 2));
  await browser.close();
  process.exit(0);
}

await checkFrom(pathToFileURL(site).href.replace(/\/$/, ''), 'file://');

const serveAt = args.indexOf('--serve');
if (serveAt >= 0) {
  const serve = spawn(args[serveAt + 1], ['serve', '--protocols', args[serveAt + 2], '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const origin = await new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`clerk serve did not start: ${said}`)), 30000);
    const listen = (chunk) => {
      said += chunk;
      const found = /serving the preview at (http:\/\/[^/\s]+)\//.exec(said);
      if (found) { clearTimeout(timer); resolve(found[1]); }
    };
    serve.stdout.on('data', listen);
    serve.stderr.on('data', listen);
  });
  try {
    await checkFrom(origin, 'clerk serve');
  } finally {
    serve.kill();
  }
}

await browser.close();
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problems`);
  process.exit(1);
}
console.log(`search: a phrase, a clause number, a defined term, a proposed word and more results than a page, by keyboard, from file://${serveAt >= 0 ? ' and over clerk serve' : ''}: no problems`);
