import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const mod = (p) => path.join(root, 'node_modules', p);

// A fixed route table rather than a directory listing: the page only ever needs
// these files, and nothing else under the repo should be reachable.
const routes = {
  '/': path.join(root, 'page', 'player.html'),
  '/player.js': path.join(root, 'page', 'player.js'),
  '/lib/hls.js': mod('hls.js/dist/hls.min.js'),
  '/lib/shaka.js': mod('shaka-player/dist/shaka-player.compiled.js'),
  '/lib/dash.js': mod('dashjs/dist/modern/umd/dash.all.min.js'),
  '/lib/dash.mss.js': mod('dashjs/dist/modern/umd/dash.mss.min.js'),
};

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export function startServer() {
  const server = http.createServer((req, res) => {
    const file = routes[new URL(req.url, 'http://x').pathname];
    if (!file) {
      // 204 for anything else (favicon.ico) so it never shows up as a failed request.
      res.writeHead(req.method === 'GET' ? 204 : 405).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`${file}: ${err.message}\n`);
        return;
      }
      res.writeHead(200, { 'content-type': types[path.extname(file)], 'cache-control': 'no-store' }).end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ baseUrl: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
