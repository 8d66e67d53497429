// Opens every page of a built clerk site in headless Chromium and fails on:
// - any axe-core violation of the WCAG 2.0/2.1/2.2 A and AA rules;
// - any internal link whose page or fragment does not exist;
// - horizontal scrolling at 320 px wide (WCAG 1.4.10 reflow, 400% zoom)
//   or at 640 px (200% zoom).
//
// Usage: node check-site.mjs OUTPUT_DIR [--screenshots DIR]

import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const root = path.resolve(args[0] ?? '../../output');
const shotsAt = args.indexOf('--screenshots');
const screenshots = shotsAt >= 0 ? path.resolve(args[shotsAt + 1]) : null;

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.pdf': 'application/pdf', '.json': 'application/json' };

// A static server for the output directory, on loopback only.
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const file = path.join(root, decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    const info = await stat(file);
    const target = info.isDirectory() ? path.join(file, 'index.html') : file;
    const body = await readFile(target);
    res.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

const problems = [];
const idsByPage = new Map();
const linksToCheck = [];
// Pages that answer earlier addresses of their clauses, with those addresses.
const formerByPage = new Map();
const queue = ['/index.html'];
const seen = new Set(queue);
let violationsTotal = 0;

while (queue.length > 0) {
  const pagePath = queue.shift();
  const response = await page.goto(origin + pagePath);
  if (!response || response.status() !== 200) {
    problems.push(`${pagePath}: HTTP ${response?.status()}`);
    continue;
  }
  if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;

  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
  }));
  for (const v of result.violations) {
    violationsTotal += v.nodes.length;
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ');
    problems.push(`${pagePath}: axe ${v.id} (${v.impact}): ${v.help} at ${where}`);
  }

  const { ids, hrefs, former } = await page.evaluate(() => ({
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    // Links, and the pages search forms lead to.
    hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
      .concat([...document.querySelectorAll('form[role=search][action]')].map((f) => f.getAttribute('action'))),
    former: [...document.querySelectorAll('.former-address')].map((e) => e.id),
  }));
  idsByPage.set(pagePath, new Set(ids));
  if (former.length > 0) formerByPage.set(pagePath, former);
  for (const href of hrefs) {
    const target = new URL(href, origin + pagePath);
    if (target.origin !== origin) continue;
    linksToCheck.push({ from: pagePath, href, path: target.pathname, hash: decodeURIComponent(target.hash.slice(1)) });
    if (target.pathname.endsWith('.html') && !seen.has(target.pathname)) {
      seen.add(target.pathname);
      queue.push(target.pathname);
    }
  }

  for (const width of [320, 640]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width + 1) problems.push(`${pagePath}: scrolls sideways at ${width} px (content is ${scrollWidth} px wide)`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

for (const link of linksToCheck) {
  if (!link.path.endsWith('.html')) {
    const response = await page.request.get(origin + link.path);
    if (response.status() !== 200) problems.push(`${link.from}: broken link ${link.href}`);
    continue;
  }
  const ids = idsByPage.get(link.path);
  if (!ids) problems.push(`${link.from}: broken link ${link.href} (no such page)`);
  else if (link.hash && !ids.has(link.hash)) problems.push(`${link.from}: broken link ${link.href} (no element with id "${link.hash}")`);
}

// An earlier address, followed: its notice shows, passes axe, and its link
// leads to an element of the page (checked with the other links above).
for (const [pagePath, former] of formerByPage) {
  for (const id of [former[0], former[former.length - 1]]) {
    await page.goto(`${origin}${pagePath}#${encodeURIComponent(id)}`);
    const shown = await page.evaluate((id) => {
      const notice = document.getElementById(id);
      return notice !== null && getComputedStyle(notice).display !== 'none' && notice.textContent.trim().length > 0;
    }, id);
    if (!shown) problems.push(`${pagePath}#${id}: the notice of an earlier address does not show when it is followed`);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    }));
    for (const v of result.violations) {
      violationsTotal += v.nodes.length;
      problems.push(`${pagePath}#${id}: axe ${v.id} (${v.impact}): ${v.help}`);
    }
  }
}

if (screenshots) {
  await mkdir(screenshots, { recursive: true });
  const shots = [
    ['document.png', '/bury/member-officer-relations-2023.html', 1280],
    ['document-narrow.png', '/bury/member-officer-relations-2023.html', 320],
    ['council.png', '/bury/index.html', 1280],
  ];
  for (const [name, url, width] of shots) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(origin + url);
    await page.screenshot({ path: path.join(screenshots, name) });
  }
}

await browser.close();
server.close();

const followed = [...formerByPage.values()].length * 2;
console.log(`checked ${seen.size} pages, ${followed} earlier addresses followed and ${linksToCheck.length} internal links: ${violationsTotal} axe violations, ${problems.length} problems`);
for (const problem of problems) console.log(`  ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
