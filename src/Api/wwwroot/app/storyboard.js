// The editor's text as the API takes it: JSON when it parses as JSON, YAML otherwise (the API reads both).

/** The text's media type and, for JSON, its value. */
export function parse(text) {
  try {
    return { contentType: 'application/json', value: JSON.parse(text) };
  } catch {
    return { contentType: 'application/yaml', value: undefined };
  }
}

/**
 * The body of POST /v1/generate: `{owner, options, spec}`. A YAML storyboard is nested as YAML text under `spec:`
 * (indented, so it stays the browser's text, with its comments and the API's YAML parser reading it); the other fields
 * are JSON, which is YAML too.
 */
export function generateBody(text, owner, options) {
  const storyboard = parse(text);
  if (storyboard.contentType === 'application/json') {
    return { contentType: storyboard.contentType, body: JSON.stringify({ owner, options, spec: storyboard.value }) };
  }
  // A leading directive or document marker would end the nesting; a single document needs neither.
  const lines = text.replace(/^\s*(%.*\n)*\s*---[ \t]*\n?/, '').split('\n');
  const nested = lines.map((line) => `  ${line}`).join('\n');
  const body = `owner: ${JSON.stringify(owner)}\noptions: ${JSON.stringify(options)}\nspec:\n${nested}\n`;
  return { contentType: 'application/yaml', body };
}

/** A random UUID for the Idempotency-Key, also outside secure contexts (where crypto.randomUUID is missing). */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A 2-scene storyboard for a new user to start from. */
export const SAMPLE = `title: Harbor at dawn
scenes:
  - id: dawn
    prompt: A lighthouse at dawn, gulls circling
    duration: 1
  - id: boats
    prompt: Fishing boats leave the harbor
    duration: 1
`;
