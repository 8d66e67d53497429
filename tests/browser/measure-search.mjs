// Measures a site's search in headless Chromium, for benches/run: for each
// query, the bytes its first run loads (a fresh browser context, nothing
// cached; every byte the site serves after the search page itself), and
// how long the query takes to its first page of results, cold (loading
// what it needs) and warm (run again).
//
// Usage: node measure-search.mjs clerk SITE_DIR COUNCIL QUERY...
//        node measure-search.mjs pagefind SITE_DIR QUERY...
// Prints one line of JSON: [{query, results, kB, cold_ms, warm_ms}, ...].

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [tool, siteArg, ...rest] = process.argv.slice(2);
const site = path.resolve(siteArg);
const council = tool === 'clerk' ? rest.shift() : null;
const queries = rest;

let served = 0;
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const file = path.join(site, decodeURIComponent(url.pathname));
  try {
    const info = await stat(file);
    const target = info.isDirectory() ? path.join(file, 'index.html') : file;
    const body = await readFile(target);
    served += body.length;
    res.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});

const out = [];
for (const query of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let measured;
  if (tool === 'clerk') {
    await page.goto(`${origin}/${council}/search.html`);
    served = 0;
    measured = await page.evaluate(async (q) => {
      const filters = { versions: 'now', part: '', document: '' };
      let t = performance.now();
      const first = await globalThis.clerkSearch.firstPage('search/', q, filters);
      const cold = performance.now() - t;
      t = performance.now();
      await globalThis.clerkSearch.firstPage('search/', q, filters);
      return { results: first.length, cold, warm: performance.now() - t };
    }, query);
  } else {
    // Pagefind's own API, as its UI calls it: the search, then the data
    // (text and excerpt) of the first ten results.
    await page.goto(`${origin}/index.html`);
    served = 0;
    measured = await page.evaluate(async (q) => {
      const pagefind = await import('/pagefind/pagefind.js');
      await pagefind.options({});
      const run = async () => {
        const search = await pagefind.search(q);
        return Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      };
      let t = performance.now();
      const first = await run();
      const cold = performance.now() - t;
      t = performance.now();
      await run();
      return { results: first.length, cold, warm: performance.now() - t };
    }, query);
  }
  out.push({ query, results: measured.results, kB: Math.round(served / 1024), cold_ms: Math.round(measured.cold), warm_ms: Math.round(measured.warm) });
  await context.close();
}
await browser.close();
server.close();
console.log(JSON.stringify(out));
