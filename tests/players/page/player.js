// Runs inside the page. Query string: ?player=hlsjs|shaka|dashjs|dashjs-mss&url=<manifest>, and for encrypted
// streams clearkeys={"<key id hex>": "<key hex>"}, given to the player as W3C ClearKey keys, or (hls.js, which takes
// ClearKey only from a license server) licenseurl=<a W3C ClearKey license server>.
// The runner polls window.playState; anything in state.fatal fails the job.
(function () {
  'use strict';

  const params = new URLSearchParams(location.search);
  const player = params.get('player');
  const url = params.get('url');
  const clearKeys = params.get('clearkeys') ? JSON.parse(params.get('clearkeys')) : null;
  const licenseUrl = params.get('licenseurl');
  // Faster than real time where a check plays a clip to its end.
  const rate = Number(params.get('rate') || 1);
  // Shaka only: fast forward through its trick-play (I-frame) track at this rate once playing.
  const trick = Number(params.get('trick') || 0);
  const base64url = (hex) => btoa(String.fromCharCode(...hex.match(/../g).map((h) => parseInt(h, 16))))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const video = document.getElementById('video');

  const state = (window.playState = {
    player,
    url,
    started: false, // a player was created and given the URL
    fatal: [], // reasons the job must fail
    notes: [], // reported but tolerated
    seeksAfterPlaying: [],
    trickTracks: null, // Shaka: how many trick-play (I-frame) streams its variants have
  });

  const fatal = (msg) => state.fatal.push(String(msg));
  const note = (msg) => state.notes.push(String(msg));

  // Uncaught exceptions and rejections reach the runner as Playwright 'pageerror'.

  video.addEventListener('error', () => {
    const err = video.error;
    fatal(`video element error: code ${err && err.code} ${(err && err.message) || ''}`.trim());
  });

  // The harness never seeks, so a seek once playback is under way means the player
  // jumped the playhead itself: over a hole in the buffer (a segment that did not
  // append or decode) or to break a stall. All three players do that silently,
  // and a skipped segment is exactly the defect these checks exist to catch.
  let playing = false;
  video.addEventListener('playing', () => { playing = true; });
  // A seek to within the first 0.1 s is the player settling its start position (Shaka now and then seeks to 0
  // just after it starts playing, under load), which can skip two frames at most, never a segment.
  video.addEventListener('seeking', () => {
    if (playing && video.currentTime >= 0.1) state.seeksAfterPlaying.push(round(video.currentTime));
  });
  video.addEventListener('waiting', () => {
    if (playing) note(`stalled (waiting) at ${round(video.currentTime)}`);
  });

  function round(t) {
    return Math.round(t * 1000) / 1000;
  }

  function describe(x) {
    if (x == null) return String(x);
    if (typeof x === 'string') return x;
    if (x instanceof Error) return `${x.name}: ${x.message}`;
    // MediaError and friends keep their fields on the prototype, so JSON gives {}.
    if (typeof x === 'object' && ('code' in x || 'message' in x)) return `code ${x.code} ${x.message || ''}`.trim();
    try {
      return JSON.stringify(x);
    } catch {
      return String(x);
    }
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`failed to load ${src}`));
      document.head.appendChild(s);
    });
  }

  function play() {
    video.playbackRate = rate;
    const p = video.play();
    // Autoplay is allowed by a launch flag; a rejection here is usually just the
    // player re-attaching the source, and it retries playback itself.
    if (p && p.catch) p.catch((e) => note(`video.play(): ${describe(e)}`));
  }

  async function startHlsJs() {
    await loadScript('/lib/hls.js');
    if (!Hls.isSupported()) throw new Error('hls.js: MSE not supported');
    const hls = new Hls(licenseUrl
      ? { debug: false, emeEnabled: true, drmSystems: { 'org.w3.clearkey': { licenseUrl } } }
      : { debug: false });
    window.hls = hls;
    hls.on(Hls.Events.ERROR, (_, d) => {
      const parts = [`hls.js ${d.fatal ? 'fatal' : 'non-fatal'} ${d.type}/${d.details}`];
      if (d.frag) parts.push(`frag sn=${d.frag.sn} ${d.frag.url}`);
      if (d.response && d.response.code) parts.push(`http ${d.response.code}`);
      if (d.error) parts.push(describe(d.error));
      const msg = parts.join(' ');
      // Stall reports are timing, not content; a stall that turns into a skip is
      // caught by the seek check. Every other media error, fatal or not, means a
      // segment failed to parse or append, which hls.js otherwise papers over.
      if (d.fatal || (d.type === Hls.ErrorTypes.MEDIA_ERROR && d.details !== Hls.ErrorDetails.BUFFER_STALLED_ERROR)) {
        fatal(msg);
      } else {
        note(msg);
      }
    });
    hls.attachMedia(video);
    hls.loadSource(url);
    hls.on(Hls.Events.MANIFEST_PARSED, play);
  }

  async function startShaka() {
    await loadScript('/lib/shaka.js');
    shaka.polyfill.installAll();
    if (!shaka.Player.isBrowserSupported()) throw new Error('shaka: browser not supported');
    const p = new shaka.Player();
    window.shakaPlayer = p;
    // Shaka reports both recoverable and critical errors here; an origin serving
    // correct media should produce neither.
    p.addEventListener('error', (e) => {
      const d = e.detail || {};
      fatal(`shaka error ${d.code} (severity ${d.severity}, category ${d.category}) ${describe(d.data)}`);
    });
    p.addEventListener('gapjumped', () => note(`shaka gapjumped at ${round(video.currentTime)}`));
    p.addEventListener('stalldetected', () => note(`shaka stalldetected at ${round(video.currentTime)}`));
    if (clearKeys) p.configure({ drm: { clearKeys } });
    await p.attach(video);
    await p.load(url);
    const trickStreams = new Set();
    for (const v of p.getManifest().variants) if (v.video && v.video.trickModeVideo) trickStreams.add(v.video.trickModeVideo.id);
    state.trickTracks = trickStreams.size;
    play();
    if (trick) p.trickPlay(trick);
  }

  async function startDashJs(mss) {
    await loadScript('/lib/dash.js');
    // The MSS add-on registers dashjs.MssHandler, which MediaPlayer picks up in
    // initialize(); it has to be on the page before the player is created.
    if (mss) {
      await loadScript('/lib/dash.mss.js');
      if (typeof dashjs.MssHandler !== 'function') throw new Error('dash.js MSS add-on did not register');
    }
    const p = dashjs.MediaPlayer().create();
    window.dashPlayer = p;
    const ev = dashjs.MediaPlayer.events;
    p.on(ev.ERROR, (e) => {
      const err = e.error || {};
      fatal(`dash.js error ${err.code != null ? err.code : ''} ${err.message || describe(e.error)}`.trim());
    });
    p.on(ev.PLAYBACK_ERROR, (e) => fatal(`dash.js playback error ${describe(e.error)}`));
    if (clearKeys) {
      const keys = {};
      for (const [kid, key] of Object.entries(clearKeys)) keys[base64url(kid)] = base64url(key);
      p.setProtectionData({ 'org.w3.clearkey': { clearkeys: keys } });
    }
    p.initialize(video, url, true);
    p.attachTTMLRenderingDiv(document.getElementById('ttml'));
  }

  // Subtitle tracks as each player lists them, and selecting one (subtitles.mjs): {index, lang, name}.
  window.subtitleApi = {
    list() {
      if (player === 'hlsjs') return (window.hls ? window.hls.subtitleTracks : []).map((t, i) => ({ index: i, lang: t.lang, name: t.name }));
      if (player === 'shaka') return (window.shakaPlayer ? window.shakaPlayer.getTextTracks() : []).map((t) => ({ index: t.id, lang: t.language, name: t.label }));
      return (window.dashPlayer ? window.dashPlayer.getTracksFor('text') : []).map((t, i) => ({ index: i, lang: t.lang, name: t.id }));
    },
    select(index) {
      if (player === 'hlsjs') {
        window.hls.subtitleDisplay = true;
        window.hls.subtitleTrack = index;
      } else if (player === 'shaka') {
        window.shakaPlayer.selectTextTrack(window.shakaPlayer.getTextTracks().find((t) => t.id === index));
      } else {
        if (window.dashPlayer.enableText) window.dashPlayer.enableText(true);
        window.dashPlayer.setTextTrack(index);
      }
    },
  };

  const starters = {
    hlsjs: startHlsJs,
    shaka: startShaka,
    dashjs: () => startDashJs(false),
    'dashjs-mss': () => startDashJs(true),
  };

  if (!starters[player]) {
    fatal(`unknown player '${player}'`);
    return;
  }
  if (!url) {
    fatal('no url');
    return;
  }
  starters[player]()
    .then(() => { state.started = true; })
    .catch((e) => fatal(`${player} start failed: ${describe(e)}`));
})();
