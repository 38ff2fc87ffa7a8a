#!/usr/bin/env node
// Plays origin output in headless Chromium with real players and reports, per job,
// whether playback got past a target time without any player or network error.
//
//   node play.mjs --player hlsjs|shaka|dashjs|dashjs-mss --url <manifest> [--seconds 8] [--timeout 60]
//   node play.mjs --jobs jobs.json      # [{player, url, seconds?, timeout?, clearKeys?: {kidHex: keyHex}, licenseUrl?,
//                                       #   toEnd?: play until ended (duration reported), rate?: playbackRate,
//                                       #   trick?: Shaka trickPlay rate (trickTracks reported)}, ...]
//
// One JSON line per job on stdout; exit 0 only if every job is ok.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runJobs } from './lib/jobs.mjs';
import { runJob, PLAYERS } from './lib/runner.mjs';


function usage(msg) {
  if (msg) console.error(`play.mjs: ${msg}`);
  console.error(
    'usage: node play.mjs --player hlsjs|shaka|dashjs|dashjs-mss --url <manifest URL> [--seconds 8] [--timeout 60]\n' +
      '       node play.mjs --jobs jobs.json',
  );
  process.exit(2);
}

function readJobs() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        player: { type: 'string' },
        url: { type: 'string' },
        seconds: { type: 'string' },
        timeout: { type: 'string' },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    usage(e.message);
  }
  if (values.help) usage();

  let jobs;
  if (values.jobs) {
    try {
      jobs = JSON.parse(fs.readFileSync(values.jobs, 'utf8'));
    } catch (e) {
      usage(`${values.jobs}: ${e.message}`);
    }
    if (!Array.isArray(jobs) || jobs.length === 0) usage(`${values.jobs}: expected a non-empty array`);
  } else {
    if (!values.player || !values.url) usage('--player and --url are required (or --jobs)');
    jobs = [{ player: values.player, url: values.url }];
    if (values.seconds) jobs[0].seconds = Number(values.seconds);
    if (values.timeout) jobs[0].timeout = Number(values.timeout);
  }
  for (const j of jobs) {
    if (!PLAYERS.includes(j.player)) usage(`unknown player '${j.player}' (one of ${PLAYERS.join(', ')})`);
    if (!j.url) usage('every job needs a url');
    for (const k of ['seconds', 'timeout']) {
      if (j[k] !== undefined && !(Number(j[k]) > 0)) usage(`${k} must be a positive number`);
    }
  }
  return jobs;
}

await runJobs(readJobs(), runJob);
