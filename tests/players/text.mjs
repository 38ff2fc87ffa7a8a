#!/usr/bin/env node
// Parses subtitle output with independent parsers: WebVTT with webvtt-parser (the W3C validator's parser; every
// error it reports counts) and TTML with imsc (the IMSC renderer dash.js uses; errors, warnings counted apart).
// One JSON line per file: {file, errors: [..], warnings: [..], cues: [{start, end, text}]}.
//
//   node text.mjs SEGMENT.webvtt|DOCUMENT.ttml...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { WebVTTParser } = require('webvtt-parser');
// imsc's parser and its ISD generator, without its HTML renderer (which needs a browser).
const imsc = { fromXML: require('imsc/src/main/js/doc.js').fromXML, generateISD: require('imsc/src/main/js/isd.js').generateISD };

function webvtt(text) {
  const tree = new WebVTTParser().parse(text, 'subtitles');
  return {
    errors: tree.errors.map((e) => `line ${e.line}: ${e.message}`),
    warnings: [],
    cues: tree.cues.map((c) => ({ start: c.startTime, end: c.endTime, text: c.text })),
  };
}

// imsc's intermediate document at an instant: the text of its spans, with br as a line break.
function isdText(node) {
  if (!node) return '';
  if (node.kind === 'br') return '\n';
  let text = typeof node.text === 'string' ? node.text : '';
  for (const child of node.contents || []) text += isdText(child);
  return text;
}

function ttml(text) {
  const errors = [];
  const warnings = [];
  const handler = {
    info: () => {},
    warn: (m) => { warnings.push(String(m)); },
    error: (m) => { errors.push(String(m)); },
    fatal: (m) => { errors.push(`fatal: ${m}`); },
  };
  const cues = [];
  let doc = null;
  try {
    doc = imsc.fromXML(text, handler);
  } catch (e) {
    errors.push(`exception: ${e.message}`);
  }
  if (doc) {
    const times = doc.getMediaTimeEvents();
    for (let i = 0; i + 1 < times.length; i++) {
      const shown = isdText(imsc.generateISD(doc, (times[i] + times[i + 1]) / 2, handler));
      if (shown) cues.push({ start: times[i], end: times[i + 1], text: shown });
    }
  }
  return { errors, warnings, cues };
}

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const parsed = /\.(webvtt|vtt)$/i.test(file) ? webvtt(text) : ttml(text);
  console.log(JSON.stringify({ file, ...parsed }));
}
