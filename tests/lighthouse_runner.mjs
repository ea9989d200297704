// Lighthouse audits of many pages from one process and one browser (tests/test_page_speed.py).
//
// Started once with Chromium's flags as a JSON list; reads one URL per line on stdin and writes one
// line of JSON per URL on stdout: the Lighthouse result ("lhr"), or {"error": "..."}. Each audit is
// Lighthouse's default (mobile, simulated slow 4G, 4x CPU slow-down) and starts cold: Lighthouse
// clears the origin's cache and storage before each navigation. Starting Node, loading Lighthouse
// and launching the browser once, not once a page, saves about half of each audit's time.
import readline from 'node:readline';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const chromeFlags = JSON.parse(process.argv[2] || '[]');
const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH || undefined, chromeFlags});
const flags = {
  port: chrome.port,
  output: 'json',
  logLevel: 'error',
  onlyCategories: ['performance', 'accessibility', 'best-practices'],
  skipAudits: ['full-page-screenshot', 'screenshot-thumbnails', 'final-screenshot'],
  disableFullPageScreenshot: true,
  maxWaitForLoad: 30000,
};

const lines = readline.createInterface({input: process.stdin, terminal: false});
for await (const line of lines) {
  const url = line.trim();
  if (!url) continue;
  let out;
  try {
    const result = await lighthouse(url, flags);
    out = result && result.lhr ? JSON.stringify(result.lhr) : JSON.stringify({error: `no result for ${url}`});
  } catch (err) {
    out = JSON.stringify({error: `${url}: ${err && err.stack ? err.stack : err}`});
  }
  process.stdout.write(out + '\n');
}
await chrome.kill();
