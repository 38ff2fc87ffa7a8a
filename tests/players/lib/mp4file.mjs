// One MP4 file (or segment) as MP4Box.js parses it: its bytes and its top-level boxes, for the checks that hold
// the origin's output against GPAC's parser.
import { readFileSync } from 'node:fs';
import { createFile } from 'mp4box';

export function parseMp4(path) {
  const bytes = readFileSync(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  buffer.fileStart = 0;
  const file = createFile();
  file.onError = (e) => { throw new Error(`${path}: ${e}`); };
  file.appendBuffer(buffer);
  file.flush();
  return { bytes, boxes: file.boxes };
}
