// The dashboard at /app/ in Debian's headless Chromium, as a new user: sign up, sign in, edit a storyboard (a broken
// one shows its error at its path, a valid one its estimate), submit, watch a scene's bar move and the job turn
// completed over SignalR, play the video, switch to a team's credit pool, and save a screenshot.
//
//   FRAMECAST_BASE_URL=http://127.0.0.1:3000 FRAMECAST_ADMIN_TOKEN=… DASHBOARD_SCREENSHOT=out.png node tests/Browser/dashboard.mjs
//
// The admin token grants the new user credits (the page has no way to buy any). Exits 0 when every step held.

import { chromium } from 'playwright-core';

const base = required('FRAMECAST_BASE_URL').replace(/\/$/, '');
const adminToken = required('FRAMECAST_ADMIN_TOKEN');
const screenshot = required('DASHBOARD_SCREENSHOT');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 30_000;
const JOB_TIMEOUT_MS = 90_000;

function required(name) {
  const value = process.env[name];
  if (!value) fail(`${name} is not set`);
  return value;
}

function fail(message) {
  console.error(`dashboard test failed: ${message}`);
  process.exit(1);
}

let step = 'starting';
const log = (message) => console.log(`[dashboard] ${message}`);
const begin = (name) => { step = name; log(name); };

/** A call to the API from this script (not the page): the admin grants, and reads to compare the page with. */
async function apiCall(method, path, token, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const grant = (token, owner, amount) => apiCall('POST', '/v1/admin/credits', token, { owner, amount, reason: 'dashboard test' });

const brokenStoryboard = `title: Broken harbor
scenes:
  - id: dawn
    prompt: A lighthouse at dawn
    duration: 1
  - id: boats
    prompt: Fishing boats leave the harbor
    duration: 0
`;

const storyboard = brokenStoryboard.replace('Broken harbor', 'Harbor at dawn').replace('duration: 0', 'duration: 1');

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
});
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const byTestId = (id) => page.locator(`[data-testid="${id}"]`);

  // Every jobEvent the hub pushes over the WebSocket, and every read of the job list, to tell live from polled.
  const hubEvents = [];
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/hubs/jobs')) return;
    ws.on('framereceived', ({ payload }) => {
      for (const message of String(payload).split('\u001e')) {
        if (message.includes('"jobEvent"')) hubEvents.push(JSON.parse(message).arguments[0]);
      }
    });
  });
  let listReads = 0;
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/v1/jobs') listReads += 1; });

  begin('open /app (redirected to /app/)');
  const opened = await page.goto(`${base}/app`);
  if (!opened?.ok() || !page.url().endsWith('/app/')) throw new Error(`/app answered ${opened?.status()} at ${page.url()}`);
  await byTestId('auth-form').waitFor();
  if (!(await page.evaluate(() => typeof window.signalR?.HubConnectionBuilder === 'function'))) {
    throw new Error('the SignalR client (/app/vendor/signalr.min.js) did not load');
  }

  begin('sign up');
  const email = `dashboard-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = 'dashboard-password-1';
  await byTestId('auth-email').fill(email);
  await byTestId('auth-password').fill(password);
  await byTestId('sign-up').click();
  await page.getByText('Account created').waitFor();

  begin('sign in');
  await byTestId('sign-in').click();
  await byTestId('user-email').filter({ hasText: email }).waitFor();
  const token = await page.evaluate(() => sessionStorage.getItem('framecast.token'));
  if (!token) throw new Error('no token in sessionStorage after signing in');
  const account = await apiCall('GET', '/v1/account', token);
  await grant(adminToken, `framecast:user:${account.id}`, 200);

  begin('reload: the session is kept and the granted balance shows');
  await page.reload();
  await byTestId('user-email').filter({ hasText: email }).waitFor();
  await page.locator('[data-testid="pool-balance"]', { hasText: /^200$/ }).waitFor();
  await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();

  begin('a broken storyboard shows its error at its path');
  await page.locator('summary', { hasText: 'Job options' }).click();
  // A delay per scene keeps the render slow enough for its progress to be seen.
  await byTestId('options').fill(JSON.stringify({ resolution: '320x180', local_worker: { delay_ms: 1500 } }));
  await byTestId('storyboard').fill(brokenStoryboard);
  const error = page.locator('[data-testid="validation-error"][data-path*="duration"]');
  await error.first().waitFor();
  const errorPath = await error.first().getAttribute('data-path');
  if (!/scenes.*1.*duration/.test(errorPath)) throw new Error(`the error is at '${errorPath}', not scene 2's duration`);
  if (!(await byTestId('submit').isDisabled())) throw new Error('submit is enabled for an invalid storyboard');
  log(`error at ${errorPath}`);

  begin('a valid storyboard shows its estimate');
  await byTestId('storyboard').fill(storyboard);
  await page.locator('[data-testid="validation-summary"][data-valid="true"]').waitFor();
  await byTestId('estimate').waitFor({ state: 'visible' });
  const credits = (await byTestId('estimate-credits').textContent()).trim();
  if (!/^\d+$/.test(credits)) throw new Error(`the estimate shows '${credits}' credits`);
  await page.waitForFunction(() => !document.querySelector('[data-testid="submit"]').disabled);
  log(`estimate: ${credits} credits`);

  begin('submit, and a scene bar moves');
  const listReadsBefore = listReads;
  const eventsBefore = hubEvents.length;
  await byTestId('submit').click();
  await page.locator('[data-testid="current-job"]:not([hidden])').waitFor();
  const jobId = (await byTestId('current-job-id').textContent()).trim();
  const bars = page.locator('[data-testid="scene-bar"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="scene-bar"]').length === 2);
  const start = await bars.evaluateAll((all) => all.map((b) => b.value));
  await page.waitForFunction(
    (initial) => [...document.querySelectorAll('[data-testid="scene-bar"]')].some((b, i) => b.value > initial[i]),
    start, { timeout: JOB_TIMEOUT_MS, polling: 50 });
  log(`job ${jobId}: bars moved from ${start.join(', ')} to ${(await bars.evaluateAll((all) => all.map((b) => b.value))).join(', ')}`);

  begin('the job turns completed in the list, live');
  await page.locator(`[data-testid="job-row"][data-job-id="${jobId}"][data-status="completed"]`).waitFor({ timeout: JOB_TIMEOUT_MS });
  const pushed = hubEvents.slice(eventsBefore).filter((e) => e.job_id === jobId).map((e) => e.event_type);
  if (!pushed.includes('completed')) throw new Error(`the hub pushed [${pushed.join(', ')}] for the job, no completed`);
  if (listReads !== listReadsBefore) throw new Error(`the page read the job list ${listReads - listReadsBefore} time(s) after submitting: it polls`);
  const bar = await bars.evaluateAll((all) => all.map((b) => b.value));
  if (bar.some((v) => v !== 100)) throw new Error(`a completed job's bars are at ${bar.join(', ')}`);
  log(`events pushed: ${pushed.join(', ')}`);

  begin('the video plays');
  const video = page.locator('[data-testid="video"]:not([hidden])');
  await video.waitFor();
  await page.evaluate(() => document.querySelector('[data-testid="video"]').play());
  await page.waitForFunction(() => document.querySelector('[data-testid="video"]').currentTime > 0, null, { timeout: STEP_TIMEOUT_MS });
  log(`video at ${await page.evaluate(() => document.querySelector('[data-testid="video"]').currentTime)} s`);

  begin('upgrade, and switch to the team pool');
  await byTestId('upgrade').click();
  await byTestId('user-tier').filter({ hasText: 'creator' }).waitFor();
  const option = page.locator('[data-testid="pool-select"] option[value^="framecast:team:"]');
  await option.first().waitFor({ state: 'attached' });
  const teamUrn = await option.first().getAttribute('value');
  await grant(adminToken, teamUrn, 75);
  await byTestId('pool-select').selectOption(teamUrn);
  const team = await apiCall('GET', `/v1/teams/${teamUrn.slice('framecast:team:'.length)}`, token);
  await page.locator('[data-testid="pool-balance"]', { hasText: new RegExp(`^${team.credits}$`) }).waitFor();
  // The estimate is priced again for the team's pool.
  await page.locator('[data-testid="validation-summary"][data-valid="true"]').waitFor();
  log(`team pool ${teamUrn}: ${team.credits} credits`);

  begin('screenshot');
  await page.evaluate(() => { const v = document.querySelector('[data-testid="video"]'); v.pause(); v.currentTime = 0.5; });
  await page.screenshot({ path: screenshot, fullPage: true });
  log(`saved ${screenshot}`);
  if (consoleErrors.length) log(`console errors (not failing): ${consoleErrors.join(' | ')}`);
  await browser.close();
  process.exit(0);
} catch (e) {
  await browser.close().catch(() => {});
  if (consoleErrors.length) console.error(`console errors: ${consoleErrors.join(' | ')}`);
  fail(`${step}: ${e.message}`);
}
