// The dashboard: sign-in, the storyboard editor with live validation and estimate, submitting, the live job list and
// per-scene progress over SignalR, the finished video, and the choice of credit pool.

import { api, session, ApiError } from './api.js';
import { connect } from './live.js';
import { JobStore, isTerminal, sceneProgress, title } from './jobs.js';
import { parse, generateBody, newKey, SAMPLE } from './storyboard.js';

const $ = (id) => document.getElementById(id);
const jobs = new JobStore();
const state = { user: null, teams: [], owner: null, selectedJob: null, live: null, liveGeneration: 0, wasDown: false, checkRun: 0 };

// Typing pauses this long before the storyboard is validated and priced: one check per pause, not per key.
const CHECK_DELAY_MS = 400;

function notify(message, kind = 'error') {
  const notice = $('notice');
  notice.textContent = message;
  notice.dataset.kind = kind;
  notice.hidden = !message;
}

const describe = (e) => (e instanceof ApiError ? `${e.message} (${e.code})` : String(e?.message ?? e));

// ---- Session ----

async function authenticate(action, email, password) {
  if (action === 'signup') {
    await api.signup(email, password);
    notify('Account created. Sign in with the same email and password.', 'info');
    return;
  }
  const issued = await api.token(email, password);
  session.token = issued.access_token;
  notify('');
  await enter();
}

async function enter() {
  state.user = await api.account();
  $('auth').hidden = true;
  $('workspace').hidden = false;
  $('session').hidden = false;
  $('user-email').textContent = state.user.email;
  $('user-tier').textContent = state.user.tier;
  $('upgrade').hidden = state.user.tier !== 'starter';
  if (!$('storyboard').value) $('storyboard').value = SAMPLE;
  await loadPools();
  startLive();
  await loadJobs();
  scheduleCheck();
}

async function signOut() {
  session.token = null;
  state.liveGeneration += 1;
  $('live-status').textContent = 'offline';
  await state.live?.stop();
  state.live = null;
  state.user = null;
  state.owner = null;
  state.selectedJob = null;
  jobs.clear();
  renderJobs();
  $('job').hidden = true;
  $('workspace').hidden = true;
  $('session').hidden = true;
  $('auth').hidden = false;
  notify('');
}

function startLive() {
  state.live?.stop();
  // A replaced connection's last words (its close) must not overwrite the new one's state.
  const generation = ++state.liveGeneration;
  state.live = connect(session.token, onJobEvent, (s) => {
    if (generation !== state.liveGeneration) return;
    $('live-status').textContent = s;
    $('live-status').dataset.state = s;
    // Events sent while the connection was down are not replayed: read the list once it is back.
    if (s === 'live' && state.wasDown) loadJobs().catch((e) => notify(describe(e)));
    state.wasDown = s !== 'live' && s !== 'connecting';
  });
}

// ---- Credit pools ----

const personalUrn = () => `framecast:user:${state.user.id}`;

async function loadPools() {
  // A starter belongs to no team (accepting an invitation upgrades first) and may not list them.
  state.teams = state.user.tier === 'starter' ? [] : await api.teams();
  const select = $('pool');
  const chosen = state.owner ?? personalUrn();
  select.replaceChildren(
    new Option('Personal', personalUrn()),
    ...state.teams.map((t) => new Option(`Team: ${t.name}`, `framecast:team:${t.id}`)),
  );
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : personalUrn();
  state.owner = select.value;
  await showBalance();
}

async function showBalance() {
  const owner = state.owner;
  const balance = $('pool-balance');
  balance.textContent = '…';
  const team = owner.startsWith('framecast:team:') ? owner.slice('framecast:team:'.length) : null;
  const credits = team ? (await api.team(team)).credits : (await api.account()).credits;
  // Another pool may have been chosen while this one was read.
  if (state.owner === owner) balance.textContent = String(credits);
}

async function upgrade() {
  const { user } = await api.upgrade();
  state.user = user;
  $('user-tier').textContent = user.tier;
  $('upgrade').hidden = user.tier !== 'starter';
  await loadPools();
  // The hub joins the owner groups when a connection opens: a new connection hears the new team's jobs too.
  startLive();
  notify('Upgraded to creator: your personal team is in the credit pools.', 'info');
}

// ---- Editor ----

let checkTimer;
function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => check().catch((e) => notify(describe(e))), CHECK_DELAY_MS);
}

/** Validates, then prices a valid storyboard for the chosen pool; an answer overtaken by newer text is dropped. */
async function check() {
  const run = ++state.checkRun;
  const text = $('storyboard').value;
  const { contentType } = parse(text);
  const errors = $('validation-errors');
  const summary = $('validation-summary');
  let result;
  try {
    result = await api.validate(text, contentType);
  } catch (e) {
    if (run !== state.checkRun) return;
    // Unparsable text is a 400 with no path: it is shown as an error of the whole document.
    result = { valid: false, errors: [{ path: e.details?.field ?? '', message: describe(e) }], warnings: [] };
  }
  if (run !== state.checkRun) return;
  errors.replaceChildren(...[...result.errors.map((i) => issueItem(i, 'error')), ...result.warnings.map((i) => issueItem(i, 'warning'))]);
  summary.textContent = result.valid
    ? `Valid${result.warnings.length ? ` with ${result.warnings.length} warning(s)` : ''}.`
    : `${result.errors.length} error(s).`;
  summary.dataset.valid = String(result.valid);
  $('submit').disabled = !result.valid;
  if (!result.valid) {
    $('estimate').hidden = true;
    return;
  }
  try {
    const estimate = await api.estimate(text, contentType, state.owner);
    if (run !== state.checkRun) return;
    $('estimate-credits').textContent = String(estimate.estimated_credits);
    $('estimate-duration').textContent = `${estimate.estimated_duration_seconds} s`;
    $('estimate-time').textContent = `about ${estimate.estimated_generation_time_seconds} s`;
    for (const w of estimate.warnings ?? []) errors.append(issueItem({ path: '', message: w.message }, 'warning'));
    $('estimate').hidden = false;
  } catch (e) {
    if (run !== state.checkRun) return;
    $('estimate').hidden = true;
    errors.append(issueItem({ path: '', message: describe(e) }, 'error'));
  }
}

function issueItem(issue, kind) {
  const li = document.createElement('li');
  li.className = kind;
  li.dataset.testid = kind === 'error' ? 'validation-error' : 'validation-warning';
  li.dataset.path = issue.path ?? '';
  const path = document.createElement('code');
  path.textContent = issue.path || '(document)';
  li.append(path, ` ${issue.message}`);
  return li;
}

function readOptions() {
  const text = $('options').value.trim();
  if (!text) return {};
  let options;
  try { options = JSON.parse(text); } catch (e) { throw new Error(`The job options are not JSON: ${e.message}`); }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new Error('The job options must be a JSON object.');
  return options;
}

async function submit() {
  const button = $('submit');
  button.disabled = true;
  try {
    const { body, contentType } = generateBody($('storyboard').value, state.owner, readOptions());
    // One key per click: a retried request (a lost answer) never creates a second job.
    const job = jobs.put(await api.generate(body, contentType, newKey()));
    notify('');
    select(job.id);
    renderJobs();
    await showBalance();
  } catch (e) {
    notify(describe(e));
  } finally {
    button.disabled = false;
  }
}

// ---- Jobs ----

async function loadJobs() {
  const page = await api.jobs();
  for (const job of page.data) jobs.put(job);
  renderJobs();
}

function onJobEvent(event) {
  const job = jobs.apply(event);
  if (!job) return;
  renderJobs();
  if (job.id === state.selectedJob) renderJob();
  // Events carry no URLs and no storyboard: a terminal one (or a job this page never read) is read once.
  if (isTerminal(job.status) || !job.spec_snapshot) refresh(job.id);
  if (isTerminal(job.status)) showBalance().catch(() => {});
}

const reading = new Set();

/** Reads a job (once at a time); a completed one is read again for a moment until its output (URLs) is there. */
async function refresh(id, attempt = 0) {
  if (attempt === 0 && reading.has(id)) return;
  reading.add(id);
  let again = false;
  try {
    const job = jobs.put(await api.job(id));
    renderJobs();
    if (id === state.selectedJob) renderJob();
    again = job.status === 'completed' && !job.output?.video_url && attempt < 10;
  } catch (e) {
    if (e.status !== 404) notify(describe(e));
  }
  if (again) setTimeout(() => refresh(id, attempt + 1), 300);
  else reading.delete(id);
}

function select(id) {
  state.selectedJob = id;
  renderJob();
  const job = jobs.get(id);
  if (job && isTerminal(job.status) && !job.output?.video_url) refresh(id);
}

/** An owner URN as the pool selector names it: personal, the team's name, or the URN itself. */
function ownerName(owner) {
  if (!owner) return '';
  if (owner === personalUrn()) return 'Personal';
  const team = state.teams.find((t) => owner.startsWith(`framecast:team:${t.id}`) || owner.startsWith(`framecast:${t.id}:`));
  return team ? `Team: ${team.name}` : owner;
}

function renderJobs() {
  const rows = jobs.list().map((job) => {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'job-row';
    tr.dataset.jobId = job.id;
    tr.dataset.status = job.status ?? '';
    tr.tabIndex = 0;
    tr.setAttribute('aria-selected', String(job.id === state.selectedJob));
    const cells = [job.id.slice(0, 8), title(job), ownerName(job.owner), job.status ?? '', job.created_at ? new Date(job.created_at).toLocaleString() : ''];
    for (const [i, text] of cells.entries()) {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 3) {
        td.dataset.testid = 'job-status';
        td.className = `status ${job.status}`;
      }
      tr.append(td);
    }
    const open = () => { select(job.id); renderJobs(); };
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
    return tr;
  });
  $('jobs-body').replaceChildren(...rows);
}

function renderJob() {
  const job = jobs.get(state.selectedJob);
  $('job').hidden = !job;
  if (!job) return;
  $('job-id').textContent = job.id;
  $('job-status').textContent = job.status;
  $('job').dataset.status = job.status;
  $('job-percent').textContent = job.progress?.percent != null ? `(${job.progress.percent} %)` : '';
  const list = $('scenes');
  const scenes = sceneProgress(job);
  // The bars are kept and updated, not rebuilt, so assistive technology follows one element per scene.
  if (list.dataset.jobId !== job.id || list.children.length !== scenes.length) {
    list.dataset.jobId = job.id;
    list.replaceChildren(...scenes.map((scene, i) => {
      const li = document.createElement('li');
      const label = document.createElement('label');
      label.htmlFor = `scene-bar-${i}`;
      label.textContent = scene.id;
      const bar = document.createElement('progress');
      bar.id = `scene-bar-${i}`;
      bar.max = 100;
      bar.dataset.testid = 'scene-bar';
      bar.dataset.sceneId = scene.id;
      li.append(label, bar);
      return li;
    }));
  }
  scenes.forEach((scene, i) => { list.children[i].querySelector('progress').value = scene.value; });
  const error = $('job-error');
  error.hidden = !job.error;
  error.textContent = job.error ? `${job.error.code ?? job.failure_type ?? 'error'}: ${job.error.message ?? ''}` : '';
  const video = $('video');
  const url = job.status === 'completed' ? job.output?.video_url : null;
  video.hidden = !url;
  if (url && video.dataset.jobId !== job.id) {
    video.dataset.jobId = job.id;
    video.src = url;
  } else if (!url && video.dataset.jobId) {
    delete video.dataset.jobId;
    video.removeAttribute('src');
    video.load();
  }
}

// ---- Wiring ----

async function guarded(work) {
  try {
    await work();
  } catch (e) {
    notify(describe(e));
  }
}

$('auth-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const action = e.submitter?.value ?? 'signin';
  guarded(() => authenticate(action, $('auth-email').value.trim(), $('auth-password').value));
});
$('sign-out').addEventListener('click', () => guarded(signOut));
$('upgrade').addEventListener('click', () => guarded(upgrade));
$('pool').addEventListener('change', () => guarded(async () => {
  state.owner = $('pool').value;
  scheduleCheck();
  await showBalance();
}));
$('storyboard').addEventListener('input', scheduleCheck);
$('submit').addEventListener('click', submit);

if (session.token) {
  // A token from earlier in this tab: an expired one sends the user back to the sign-in form.
  enter().catch((e) => { session.token = null; $('auth').hidden = false; notify(e.status === 401 ? 'Please sign in again.' : describe(e)); });
}
