// The preview page: plays an asset of this origin with the player each format is checked with, and lists every
// request the player makes with what it cost the origin (its Server-Timing, read from the browser's resource timing).
// Everything shown that came from the origin or the URL is set as text, never as markup.
(() => {
  'use strict';

  // The versions the tests pin (tests/players/package.json), from a public CDN under Subresource Integrity: the
  // browser refuses a file whose hash differs. The tests serve the pinned packages at these URLs and check the hashes.
  const CDN = 'https://cdn.jsdelivr.net/npm/';
  const LIBRARIES = {
    hls: [{ src: CDN + 'hls.js@1.7.4/dist/hls.min.js', integrity: 'sha384-p9vgU/7IYJWd3I4STrtqxqR/2cAQlhIX7D/HrTnIMEjjcUox165b7se7sxmm3zDg' }],
    shaka: [{ src: CDN + 'shaka-player@5.2.12/dist/shaka-player.compiled.js', integrity: 'sha384-dC+HTy8lAr0Y9PZngIX8OfKQQ3JnR04Xs2ut3jQ1jxUXT1TZ23BTbPbTjM2cj4H0' }],
    dashjs: [
      { src: CDN + 'dashjs@5.2.1/dist/modern/umd/dash.all.min.js', integrity: 'sha384-NwbBGevMmVf2Lv50ZqQWLZ0dLH69dxVHYeS+8t54klP9odovQ2+Ms0J4SWfKzPkr' },
      { src: CDN + 'dashjs@5.2.1/dist/modern/umd/dash.mss.min.js', integrity: 'sha384-aJyQv+SpDChRs6tjXtH5x7kec1wvcqzbH2rpAaWpiof2SzzesWw4Y8y8oh9mt0tp' },
    ],
  };
  const FORMATS = {
    hls: { suffix: '/.m3u8', start: startHlsJs },
    dash: { suffix: '/.mpd', start: startShaka },
    smooth: { suffix: '/Manifest', start: startDashJs },
  };
  const MAX_ROWS = 400;
  const CHART_BARS = 120;

  const $ = (id) => document.getElementById(id);
  let video = $('video');
  const state = (window.previewState = { manifest: null, error: null, requests: [] });
  let mounts = [];
  let current = null; // { destroy() } of the running player
  let generation = 0; // which start() the player callbacks belong to

  function element(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }

  function status(text, isError) {
    $('status').textContent = text;
    $('status').classList.toggle('error', Boolean(isError));
    if (isError) state.error = text;
  }

  const loaded = new Map();
  function loadLibrary(name) {
    return Promise.all(LIBRARIES[name].map(({ src, integrity }) => {
      if (!loaded.has(src)) {
        loaded.set(src, new Promise((resolve, reject) => {
          const script = document.createElement('script');
          script.src = src;
          script.integrity = integrity;
          script.crossOrigin = 'anonymous';
          script.onload = resolve;
          script.onerror = () => { loaded.delete(src); reject(new Error(`could not load ${src} (offline, or its hash differs)`)); };
          document.head.appendChild(script);
        }).then(() => undefined));
      }
      return loaded.get(src);
    }));
  }

  // ---- mounts and assets

  async function loadAssets() {
    const response = await fetch('/_preview/assets.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`assets: HTTP ${response.status}`);
    mounts = (await response.json()).mounts;
    const select = $('mount');
    for (const mount of mounts) select.appendChild(element('option', mount.path || '/')).value = mount.path;
    // /vod/ opens on the mount /vod.
    const here = mounts.find((m) => m.path && location.pathname === m.path + '/');
    if (here) select.value = here.path;
    showAssets();
  }

  function showAssets() {
    const mount = mounts.find((m) => m.path === $('mount').value);
    const listed = Boolean(mount && mount.listable && mount.assets.length);
    $('asset-choice').hidden = !listed;
    $('asset-typed').hidden = listed;
    const select = $('asset');
    select.replaceChildren();
    if (listed) for (const asset of mount.assets) select.appendChild(element('option', asset)).value = asset;
  }

  function manifestUrl() {
    const mount = $('mount').value;
    const asset = ($('asset-choice').hidden ? $('path').value : $('asset').value).trim().replace(/^\/+/, '');
    if (!asset) return null;
    const format = document.querySelector('input[name=format]:checked').value;
    const path = asset.split('/').map(encodeURIComponent).join('/');
    return { format, url: `${location.origin}${mount}/${path}${FORMATS[format].suffix}` };
  }

  // ---- players

  async function start() {
    const target = manifestUrl();
    if (!target) { status('Type an asset path under this mount.'); return; }
    const mine = ++generation;
    await stop();
    clearRequests();
    state.manifest = target.url;
    state.error = null;
    const link = element('a', target.url);
    link.href = target.url;
    $('manifest').replaceChildren(link);
    $('track-list').replaceChildren();
    status('Loading…');
    try {
      const player = await FORMATS[target.format].start(target.url, (tracks) => { if (mine === generation) showTracks(tracks); });
      if (mine !== generation) { await player.destroy(); return; }
      current = player;
      status('Playing');
      const attempt = video.play();
      if (attempt) attempt.catch(() => status('Press play: the browser did not start playback on its own.'));
    } catch (e) {
      if (mine === generation) status(`Could not play: ${describe(e)}`, true);
    }
  }

  async function stop() {
    const player = current;
    current = null;
    if (player) { try { await player.destroy(); } catch { /* the next player starts anyway */ } }
    // Each player gets a new video element: one player's MediaSource and listeners never meet the next one's.
    const fresh = video.cloneNode(false);
    video.replaceWith(fresh);
    video = fresh;
  }

  function describe(x) {
    if (x == null) return String(x);
    if (x instanceof Error) return x.message;
    if (typeof x === 'object') return x.message || x.details || (x.code !== undefined ? `code ${x.code}` : JSON.stringify(x));
    return String(x);
  }

  const kbps = (bits) => (bits ? `${Math.round(bits / 1000)} kbit/s` : '');
  const size = (w, h) => (w && h ? `${w}x${h}` : '');

  async function startHlsJs(url, onTracks) {
    await loadLibrary('hls');
    if (!window.Hls || !Hls.isSupported()) throw new Error('hls.js: this browser has no Media Source Extensions');
    const hls = new Hls();
    const report = () => onTracks([
      ...hls.levels.map((l, i) => ['video', `${size(l.width, l.height)} ${kbps(l.bitrate)} ${l.videoCodec || ''}`, i === hls.currentLevel]),
      ...hls.audioTracks.map((t, i) => ['audio', `${t.lang || ''} ${t.name || ''}`, i === hls.audioTrack]),
      ...hls.subtitleTracks.map((t, i) => ['subtitles', `${t.lang || ''} ${t.name || ''}`, i === hls.subtitleTrack]),
    ]);
    hls.on(Hls.Events.MANIFEST_PARSED, report);
    hls.on(Hls.Events.LEVEL_SWITCHED, report);
    hls.on(Hls.Events.AUDIO_TRACKS_UPDATED, report);
    hls.on(Hls.Events.ERROR, (_, data) => { if (data.fatal) status(`hls.js: ${data.details}`, true); });
    hls.loadSource(url);
    hls.attachMedia(video);
    return { destroy: () => hls.destroy() };
  }

  async function startShaka(url, onTracks) {
    await loadLibrary('shaka');
    shaka.polyfill.installAll();
    if (!shaka.Player.isBrowserSupported()) throw new Error('Shaka Player does not support this browser');
    const player = new shaka.Player();
    await player.attach(video);
    player.addEventListener('error', (e) => status(`Shaka: ${describe(e.detail)}`, true));
    const report = () => onTracks([
      ...player.getVariantTracks().map((t) => ['variant', `${size(t.width, t.height)} ${kbps(t.bandwidth)} ${t.language || ''} ${t.videoCodec || ''}/${t.audioCodec || ''}`, t.active]),
      ...player.getTextTracks().map((t) => ['text', `${t.language || ''} ${t.label || ''}`, t.active]),
    ]);
    player.addEventListener('variantchanged', report);
    player.addEventListener('adaptation', report);
    await player.load(url);
    report();
    return { destroy: () => player.destroy() };
  }

  async function startDashJs(url, onTracks) {
    await loadLibrary('dashjs');
    const player = dashjs.MediaPlayer().create();
    const events = dashjs.MediaPlayer.events;
    const report = () => {
      const tracks = [];
      for (const type of ['video', 'audio', 'text']) {
        const reps = typeof player.getRepresentationsByType === 'function' ? player.getRepresentationsByType(type) || [] : [];
        for (const r of reps) tracks.push([type, `${size(r.width, r.height)} ${kbps(r.bandwidth)} ${r.codecs || ''}`, false]);
        if (!reps.length) for (const t of player.getTracksFor(type) || []) tracks.push([type, `${t.lang || ''} ${t.codec || ''}`, false]);
      }
      onTracks(tracks);
    };
    player.on(events.STREAM_INITIALIZED, report);
    player.on(events.ERROR, (e) => status(`dash.js: ${describe(e.error)}`, true));
    player.initialize(video, url, true);
    // dash.js shows TTML only when it has a layer to draw it in.
    player.attachTTMLRenderingDiv($('ttml'));
    return { destroy: () => player.reset() };
  }

  function showTracks(tracks) {
    $('track-list').replaceChildren(...tracks.map(([kind, text, active]) =>
      element('li', `${kind}: ${text.replace(/\s+/g, ' ').trim()}${active ? '  (playing)' : ''}`)));
  }

  // ---- the requests and what they cost

  function clearRequests() {
    state.requests = [];
    $('rows').replaceChildren();
    performance.clearResourceTimings();
    drawChart();
  }

  function timing(entry, name) {
    return (entry.serverTiming || []).find((t) => t.name === name);
  }

  function record(entry) {
    const url = new URL(entry.name);
    if (url.origin !== location.origin || url.pathname.startsWith('/_preview/') || !state.manifest) return;
    const storage = timing(entry, 'storage');
    const counts = storage ? /(\d+) reads?, (\d+) bytes/.exec(storage.description || '') : null;
    const index = timing(entry, 'index');
    const request = {
      n: state.requests.length + 1,
      path: url.pathname + url.search,
      status: entry.responseStatus || 0,
      bytes: entry.encodedBodySize || entry.transferSize || 0,
      ms: Math.round(entry.duration),
      reads: counts ? Number(counts[1]) : null,
      storageBytes: counts ? Number(counts[2]) : null,
      index: index ? index.description : '',
    };
    state.requests.push(request);
    const row = element('tr', undefined, request.status >= 400 ? 'failed' : '');
    for (const value of [request.n, request.path, request.status || 'aborted', request.bytes, request.ms,
      request.reads ?? '', request.storageBytes ?? '', request.index || '-']) row.appendChild(element('td', value));
    row.firstChild.nextSibling.title = request.path;
    const rows = $('rows');
    rows.appendChild(row);
    while (rows.childElementCount > MAX_ROWS) rows.firstElementChild.remove();
    rows.scrollTop = rows.scrollHeight;
    drawChart();
  }

  function drawChart() {
    const SVG = 'http://www.w3.org/2000/svg';
    const shown = state.requests.slice(-CHART_BARS);
    const max = Math.max(1, ...shown.map((r) => r.reads || 0));
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${CHART_BARS * 5} 90`);
    svg.setAttribute('preserveAspectRatio', 'none');
    shown.forEach((r, i) => {
      const height = r.reads ? Math.max(2, (r.reads / max) * 80) : 2;
      const bar = document.createElementNS(SVG, 'rect');
      bar.setAttribute('x', String(i * 5));
      bar.setAttribute('y', String(90 - height));
      bar.setAttribute('width', '4');
      bar.setAttribute('height', String(height));
      if (!r.reads) bar.setAttribute('class', 'none');
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `#${r.n} ${r.path}: ${r.reads ?? 0} storage reads`;
      bar.appendChild(title);
      svg.appendChild(bar);
    });
    $('chart').replaceChildren(svg);
    const reads = state.requests.reduce((sum, r) => sum + (r.reads || 0), 0);
    $('totals').textContent = state.requests.length
      ? `${state.requests.length} requests, ${reads} storage reads (${(reads / state.requests.length).toFixed(2)} per request)` : '';
  }

  performance.setResourceTimingBufferSize(100000);
  new PerformanceObserver((list) => list.getEntries().forEach(record)).observe({ type: 'resource' });

  $('mount').addEventListener('change', () => { showAssets(); start(); });
  $('asset').addEventListener('change', start);
  $('path').addEventListener('keydown', (e) => { if (e.key === 'Enter') start(); });
  $('play').addEventListener('click', start);
  for (const radio of document.querySelectorAll('input[name=format]')) radio.addEventListener('change', start);

  loadAssets().then(() => { if (!$('asset-choice').hidden) start(); })
    .catch((e) => status(`Could not list the assets: ${describe(e)}`, true));
})();
