// The REST calls the page makes, with the signed-in user's bearer token and the error envelope turned into an Error.

const TOKEN_KEY = 'framecast.token';

/** An API error: the envelope's code, message and details, and the HTTP status. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details ?? {};
  }
}

// The tab's session only: a token in sessionStorage is gone when the tab closes.
export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/**
 * Calls the API. `body` is sent as JSON unless `contentType` says otherwise (then it is sent as the text it is).
 * Answers the parsed JSON (null for 204); throws ApiError for any non-2xx.
 */
async function call(method, path, { body, contentType, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (session.token) init.headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType ?? 'application/json';
    init.body = contentType ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `The API did not answer: ${e.message}`);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* a proxy's HTML page: reported below */ }
  if (!response.ok) {
    const error = json?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, error?.details);
  }
  return json;
}

export const api = {
  signup: (email, password) => call('POST', '/v1/auth/signup', { body: { email, password } }),
  token: (email, password) => call('POST', '/v1/auth/token', { body: { email, password } }),
  account: () => call('GET', '/v1/account'),
  upgrade: () => call('POST', '/v1/account/upgrade'),
  teams: () => call('GET', '/v1/teams'),
  team: (id) => call('GET', `/v1/teams/${encodeURIComponent(id)}`),
  validate: (text, contentType) => call('POST', '/v1/spec/validate', { body: text, contentType }),
  estimate: (text, contentType, owner) =>
    call('POST', `/v1/spec/estimate?owner=${encodeURIComponent(owner)}`, { body: text, contentType }),
  generate: (body, contentType, idempotencyKey) =>
    call('POST', '/v1/generate', { body, contentType, headers: { 'Idempotency-Key': idempotencyKey } }),
  jobs: () => call('GET', '/v1/jobs?limit=20'),
  job: (id) => call('GET', `/v1/jobs/${encodeURIComponent(id)}`),
};
