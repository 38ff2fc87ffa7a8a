import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

// Runs each job in turn with one page server and one browser, prints one JSON line per job,
// and exits 0 only if every job is ok.
export async function runJobs(jobs, runJob) {
  const server = await startServer();
  const browser = await launchBrowser();
  let allOk = true;
  try {
    for (const job of jobs) {
      const result = await runJob(browser, server.baseUrl, job);
      allOk &&= result.ok;
      process.stdout.write(JSON.stringify(result) + '\n');
    }
  } finally {
    await browser.close();
    await server.close();
  }
  process.exit(allOk ? 0 : 1);
}
