// Demuxes MPEG-TS segments with mux.js (the transport stream demuxer video.js players use): each file named on the
// command line is transmuxed to fMP4 and inspected, and one JSON line reports what mux.js found: the bytes of fMP4
// it made, the first video and audio PTS (seconds, from its inspector) and every warning it logged.
//
//   node ts.mjs SEGMENT.ts...
import { readFileSync } from 'node:fs';
import muxjs from 'mux.js';

for (const path of process.argv.slice(2)) {
  const bytes = new Uint8Array(readFileSync(path));
  const warnings = [];
  let output = 0;
  const transmuxer = new muxjs.mp4.Transmuxer({ keepOriginalTimestamps: true });
  transmuxer.on('log', (event) => { if (event.level === 'warn' || event.level === 'error') warnings.push(event.message); });
  transmuxer.on('data', (segment) => { output += segment.data.byteLength; });
  transmuxer.push(bytes);
  transmuxer.flush();
  const inspected = muxjs.mp2t.tools.inspect(bytes) ?? {};
  const first = (frames) => (frames && frames.length ? frames[0].ptsTime : null);
  console.log(JSON.stringify({
    file: path,
    output,
    video: first(inspected.video),
    audio: first(inspected.audio),
    warnings,
  }));
}
