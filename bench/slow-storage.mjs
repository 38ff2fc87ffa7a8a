// A web server for the benchmark that stands in for remote object storage: serves a folder with Range, ETag and
// Content-Range, adding a delay to every request (default 20 ms, plus up to [jitter] ms at random, and 10 times
// that for one request in [slow-every] at random, as object stores have a tail), and counts requests.
// Usage: node bench/slow-storage.mjs <folder> <port> [delay ms] [jitter ms] [slow-every]
import { createServer } from 'node:http';
import { open, stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const [folder, port, delay = '20', jitter = '0', slowEvery = '0'] = process.argv.slice(2);
const wait = () => {
  const ms = Number(delay) + Math.random() * Number(jitter);
  return Number(slowEvery) > 0 && Math.random() * Number(slowEvery) < 1 ? ms * 10 : ms;
};
let requests = 0;

createServer(async (req, res) => {
  requests++;
  await new Promise((r) => setTimeout(r, wait()));
  if (req.url === '/__requests') { res.end(String(requests)); return; }
  const path = normalize(join(folder, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!path.startsWith(normalize(folder))) { res.writeHead(403).end(); return; }
  let info;
  try { info = await stat(path); } catch { res.writeHead(404).end(); return; }
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  let start = 0, end = info.size - 1, status = 200;
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    start = Number(range[1]);
    end = range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1;
    if (start >= info.size) { res.writeHead(416, { 'Content-Range': `bytes */${info.size}` }).end(); return; }
    status = 206;
  }
  const headers = { ETag: etag, 'Content-Length': end - start + 1, 'Accept-Ranges': 'bytes' };
  if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
  res.writeHead(status, headers);
  const file = await open(path);
  res.on('close', () => file.close()); // also when the client went away (a hedged request's loser) before the end
  file.createReadStream({ start, end }).pipe(res);
}).listen(Number(port), '127.0.0.1');
