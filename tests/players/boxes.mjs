// Lists the box tree of each MP4 file named on the command line as MP4Box.js (GPAC) parses it: one JSON line per
// file, {"file": ..., "boxes": [[depth, type, size], ...]} in file order, sample entries under their stsd. An
// independent parser for the tests to hold the origin's own box reading and writing against.
import { parseMp4 } from './lib/mp4file.mjs';

function walk(boxes, depth, out) {
  for (const box of boxes ?? []) {
    out.push([depth, box.type, box.size]);
    walk(box.boxes, depth + 1, out);
    if (box.type === 'stsd' || box.type === 'dref') walk(box.entries, depth + 1, out);
  }
}

for (const path of process.argv.slice(2)) {
  const out = [];
  walk(parseMp4(path).boxes, 0, out);
  console.log(JSON.stringify({ file: path, boxes: out }));
}
