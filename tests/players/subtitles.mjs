#!/usr/bin/env node
// Checks subtitles through real players in headless Chromium: for each job the player loads the stream and starts
// playing; then, per expected language, the harness selects that subtitle track through the player's own API, seeks
// to each chosen time and reads the cue the browser shows there (the video's showing text track, as the player
// filled it), with its start, end and text.
//
//   node subtitles.mjs --jobs jobs.json   # [{player, url, tracks: [{lang, times: [seconds…]}]}, …]
//
// One JSON line per job: {player, url, ok, listed: [langs], tracks: [{lang, cues: [{time, start, end, text} | null]}], error}.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runJobs } from './lib/jobs.mjs';

const { values } = parseArgs({ options: { jobs: { type: 'string' } } });
if (!values.jobs) {
  console.error('usage: node subtitles.mjs --jobs jobs.json');
  process.exit(2);
}
const jobs = JSON.parse(fs.readFileSync(values.jobs, 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(page, predicate, arg, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(predicate, arg);
    if (value) return value;
    if (Date.now() > until) return null;
    await sleep(200);
  }
}

// The cue the showing text tracks have at `time`, read from the track's cue list (not only the active cues, which
// depend on the renderer's timing).
function cueAt(time) {
  // dash.js keeps TTML cues as imsc's intermediate documents (isd): their text is in the tree's spans and breaks.
  const isdText = (node) => {
    if (!node) return '';
    if (node.kind === 'br') return '\n';
    let text = typeof node.text === 'string' ? node.text : '';
    for (const child of node.contents || []) text += isdText(child);
    return text;
  };
  const video = document.getElementById('video');
  for (const track of video.textTracks) {
    if (track.mode !== 'showing' || !track.cues) continue;
    for (const cue of track.cues) {
      if (cue.startTime <= time && time < cue.endTime) {
        const html = cue.getCueAsHTML ? cue.getCueAsHTML() : null;
        const text = cue.text || (cue.isd && isdText(cue.isd)) || (html && html.textContent) || '';
        return { time, start: cue.startTime, end: cue.endTime, text };
      }
    }
  }
  return null;
}

async function runJob(browser, baseUrl, job) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()} ${r.url()}`);
    if (process.env.SUBTITLES_DEBUG && r.url().includes('textstream')) console.error(`${Date.now() % 100000} ${r.status()} ${r.url()}`);
  });
  const result = { player: job.player, url: job.url, ok: false, listed: [], tracks: [], error: null };
  try {
    await page.goto(`${baseUrl}/?${new URLSearchParams({ player: job.player, url: job.url })}`, { waitUntil: 'load' });
    // Whether the stream plays well is play.mjs's check; here it only has to start, so cues can be read.
    const playing = await waitFor(page, () => document.getElementById('video').currentTime > 0.3, null, 60000);
    if (!playing) throw new Error((await page.evaluate(() => window.playState.fatal))[0] || 'did not start playing');
    const listed = await waitFor(page, () => { const l = window.subtitleApi.list(); return l.length ? l : null; }, null, 20000);
    result.listed = (listed || []).map((t) => t.lang);
    for (const expected of job.tracks) {
      const track = (listed || []).find((t) => t.lang === expected.lang);
      const found = { lang: expected.lang, cues: [] };
      result.tracks.push(found);
      if (!track) continue;
      await page.evaluate((i) => window.subtitleApi.select(i), track.index);
      // Players set a newly selected text stream up asynchronously (Shaka loses a seek made meanwhile).
      await sleep(2500);
      for (const time of expected.times) {
        // A player busy switching streams may drop a seek: seek again, three times at most.
        let cue = null;
        for (let attempt = 0; attempt < 3 && !cue; attempt++) {
          await page.evaluate((t) => { document.getElementById('video').currentTime = t; }, time);
          cue = await waitFor(page, cueAt, time, 8000);
        }
        found.cues.push(cue);
      }
    }
    result.ok = errors.length === 0;
    result.error = errors[0] || null;
  } catch (e) {
    result.error = `${e.message.split('\n')[0]}${errors.length ? `; ${errors[0]}` : ''}`;
  } finally {
    await context.close().catch(() => {});
  }
  return result;
}

await runJobs(jobs, runJob);
