export const PLAYERS = ['hlsjs', 'shaka', 'dashjs', 'dashjs-mss'];

const POLL_MS = 200;

// Runs one playback job in a fresh browser context (no cache or state shared with
// other jobs) and resolves to the result object printed by play.mjs.
export async function runJob(browser, baseUrl, job) {
  const { player, url } = job;
  const seconds = job.seconds ?? 8;
  const timeoutMs = (job.timeout ?? 60) * 1000;
  const started = Date.now();

  const failures = [];
  const warnings = [];
  const context = await browser.newContext();
  const page = await context.newPage();

  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') warnings.push(`console: ${m.text()}`);
  });
  // Trick-play (I-frame) media segments the player fetched: the origin names those tracks {name}_iframe=.
  let trickSegments = 0;
  page.on('response', (r) => {
    if (r.status() >= 400) failures.push(`http ${r.status()} ${r.request().method()} ${r.url()}`);
    else if (/_iframe=\d+-\d+\.(m4s|dash)/.test(r.url())) trickSegments++;
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? 'unknown';
    // Players cancel in-flight requests when they switch quality or tear down;
    // an abort is not the server's fault.
    if (why === 'net::ERR_ABORTED') return;
    failures.push(`request failed ${why} ${r.method()} ${r.url()}`);
  });

  let snap = { currentTime: 0, duration: NaN, ended: false, fatal: [], notes: [], seeksAfterPlaying: [] };
  let timedOut = false;
  try {
    const query = { player, url };
    if (job.clearKeys) query.clearkeys = JSON.stringify(job.clearKeys);
    if (job.licenseUrl) query.licenseurl = job.licenseUrl;
    if (job.rate) query.rate = String(job.rate);
    if (job.trick) query.trick = String(job.trick);
    const pageUrl = `${baseUrl}/?${new URLSearchParams(query)}`;
    await page.goto(pageUrl, { timeout: timeoutMs, waitUntil: 'load' });
    for (;;) {
      snap = await page.evaluate(() => {
        const v = document.getElementById('video');
        const s = window.playState;
        return {
          currentTime: v.currentTime,
          duration: v.duration,
          paused: v.paused,
          ended: v.ended,
          readyState: v.readyState,
          fatal: s.fatal,
          notes: s.notes,
          seeksAfterPlaying: s.seeksAfterPlaying,
          trickTracks: s.trickTracks,
        };
      });
      if (snap.fatal.length || failures.length || snap.seeksAfterPlaying.length) break;
      if ((!job.toEnd && snap.currentTime >= seconds) || snap.ended) break;
      if (Date.now() - started > timeoutMs) {
        timedOut = true;
        break;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (e) {
    failures.push(`harness: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close().catch(() => {});
  }

  const errors = [
    ...snap.fatal,
    ...failures,
    ...(snap.seeksAfterPlaying.length
      ? [`player moved the playhead itself (gap jump / stall skip) at ${snap.seeksAfterPlaying.join(', ')}s`]
      : []),
  ];
  if (snap.ended && snap.currentTime < seconds) {
    errors.push(`playback ended at ${round(snap.currentTime)}s, before the target ${seconds}s`);
  }
  if (timedOut) {
    errors.push(
      `timeout after ${timeoutMs / 1000}s: currentTime ${round(snap.currentTime)} < ${seconds}` +
        ` (paused=${snap.paused}, readyState=${snap.readyState})`,
    );
  }
  if (job.toEnd && !snap.ended && !timedOut) errors.push(`playback stopped at ${round(snap.currentTime)}s before the end`);
  const ok = errors.length === 0 && (job.toEnd ? snap.ended : snap.currentTime >= seconds);
  return {
    player,
    url,
    ok,
    currentTime: round(snap.currentTime),
    duration: Number.isFinite(snap.duration) ? round(snap.duration) : null,
    ended: !!snap.ended,
    trickTracks: snap.trickTracks ?? null,
    trickSegments,
    elapsedMs: Date.now() - started,
    error: ok ? null : (errors[0] ?? 'did not reach target time'),
    errors,
    warnings: [...snap.notes, ...warnings],
  };
}

function round(t) {
  return Math.round(t * 1000) / 1000;
}
