#!/usr/bin/env node
// Drives the origin's preview page in headless Chromium as an operator would: for each asset and format, picks them,
// waits until the video plays past --seconds, and reads the page's request table. The player libraries the page loads
// from the public CDN are served from this folder's pinned packages (intercepted in the browser); the page's
// Subresource Integrity hashes must match them or the browser refuses the script.
//
//   node preview.mjs --url <origin base URL> --mount /vod --assets demo.ism,progressive.mp4
//                    [--hostile-mount /odd --hostile-asset <name>] [--screenshot page.png] [--seconds 4]
//
// One JSON line per check on stdout; exit 0 only if every check is ok.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const CDN = 'https://cdn.jsdelivr.net/npm/';
const FORMATS = ['hls', 'dash', 'smooth'];

const { values } = parseArgs({
  options: {
    url: { type: 'string' }, mount: { type: 'string' }, assets: { type: 'string' },
    'hostile-mount': { type: 'string' }, 'hostile-asset': { type: 'string' },
    screenshot: { type: 'string' }, seconds: { type: 'string', default: '4' }, timeout: { type: 'string', default: '45' },
  },
});
if (!values.url || !values.mount || !values.assets) {
  console.error('usage: node preview.mjs --url <origin> --mount /vod --assets a,b [--hostile-mount /m --hostile-asset name] [--screenshot f]');
  process.exit(2);
}
const seconds = Number(values.seconds);
const timeoutMs = Number(values.timeout) * 1000;

// https://cdn.jsdelivr.net/npm/<name>@<version>/<file> → node_modules/<name>/<file>, only at the installed version.
function cdnFile(url) {
  const m = /^([^@/]+|@[^/]+\/[^@/]+)@([^/]+)\/(.+)$/.exec(url.slice(CDN.length));
  if (!m) return null;
  const [, name, version, file] = m;
  const folder = path.join(here, 'node_modules', name);
  const installed = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')).version;
  if (installed !== version) return null;
  const full = path.resolve(folder, file);
  return full.startsWith(folder + path.sep) && fs.existsSync(full) ? full : null;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
await page.route(CDN + '**', (route) => {
  const file = cdnFile(route.request().url());
  if (!file) return route.fulfill({ status: 404, body: 'not a pinned package file' });
  return route.fulfill({
    status: 200, body: fs.readFileSync(file),
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'access-control-allow-origin': '*' },
  });
});
// Nothing else leaves the machine.
await page.route((url) => !url.href.startsWith(values.url) && !url.href.startsWith(CDN), (route) => route.abort());

let allOk = true;
const report = (result) => { allOk &&= result.ok; process.stdout.write(JSON.stringify(result) + '\n'); };

try {
  await page.goto(values.url.replace(/\/?$/, '/'), { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#mount option').length > 0, null, { timeout: timeoutMs });
  let screenshotTaken = false;
  for (const asset of values.assets.split(',')) {
    for (const format of FORMATS) {
      problems.length = 0;
      const started = Date.now();
      await page.selectOption('#mount', values.mount);
      await page.selectOption('#asset', asset);
      await page.check(`input[name=format][value=${format}]`);
      await page.click('#play');
      let snap;
      for (;;) {
        snap = await page.evaluate(() => ({
          currentTime: document.getElementById('video').currentTime,
          error: window.previewState.error,
          manifest: window.previewState.manifest,
          tracks: [...document.querySelectorAll('#track-list li')].map((li) => li.textContent),
          rows: [...document.querySelectorAll('#rows tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
        }));
        if (snap.error || snap.currentTime >= seconds || Date.now() - started > timeoutMs) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // Columns: #, URL, status, bytes, ms, storage reads, storage bytes, index.
      const withReads = snap.rows.filter((r) => Number(r[5]) > 0).length;
      const ok = !snap.error && problems.length === 0 && snap.currentTime >= seconds && withReads > 0 && snap.tracks.length > 0;
      report({ check: 'play', asset, format, ok, currentTime: snap.currentTime, manifest: snap.manifest, tracks: snap.tracks,
        rows: snap.rows.length, rowsWithStorageReads: withReads, firstRows: snap.rows.slice(0, 3),
        error: snap.error || problems.join('; ') || (snap.currentTime < seconds ? `only ${snap.currentTime}s in ${timeoutMs / 1000}s` : null) });
      if (values.screenshot && !screenshotTaken && ok) {
        await page.screenshot({ path: values.screenshot, fullPage: true });
        screenshotTaken = true;
      }
    }
  }
  if (values['hostile-mount']) {
    await page.selectOption('#mount', values['hostile-mount']);
    const shown = await page.evaluate(() => ({
      options: [...document.querySelectorAll('#asset option')].map((o) => o.textContent),
      images: document.querySelectorAll('img').length,
      pwned: window.__pwned === 1,
    }));
    const ok = shown.options.includes(values['hostile-asset']) && shown.images === 0 && !shown.pwned;
    report({ check: 'escaping', ok, ...shown });
  }
} finally {
  await browser.close();
}
process.exit(allOk ? 0 : 1);
