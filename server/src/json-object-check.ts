/**
 * Whether a text is exactly one JSON object (RFC 8259), without building it. The flows route passes
 * each Loki line through as it is; checking it here is what keeps a line that is not JSON (or that
 * would close the record early) from breaking or reshaping the answer. A check allocates nothing,
 * where JSON.parse builds dozens of properties per flow only for them to be thrown away.
 */

/** Objects and arrays nest at most this deep (flow lines nest 3 levels); deeper is refused rather than risking the call stack. */
const maxDepth = 64;

// Sticky patterns, run by the regex engine from a given index: one string literal, one number.
// JSON forbids raw control characters in strings, so the string pattern has to name them.
// eslint-disable-next-line no-control-regex
const stringLiteral = /"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"/y;
const numberLiteral = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function skipSpace(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === SPACE || c === LF || c === CR || c === TAB) c = s.charCodeAt(++i);
  return i;
}

/** The end of the string literal at `i`, or -1. */
function endOfString(s: string, i: number): number {
  stringLiteral.lastIndex = i;
  return stringLiteral.test(s) ? stringLiteral.lastIndex : -1;
}

/** The end of the value starting at `i` (no leading space), or -1 when it is not one. */
function endOfValue(s: string, i: number, depth: number): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) return endOfString(s, i);
  if (c === OPEN_BRACE) return depth < maxDepth ? endOfObject(s, i, depth + 1) : -1;
  if (c === OPEN_BRACKET) return depth < maxDepth ? endOfArray(s, i, depth + 1) : -1;
  if (s.startsWith('true', i) || s.startsWith('null', i)) return i + 4;
  if (s.startsWith('false', i)) return i + 5;
  numberLiteral.lastIndex = i;
  return numberLiteral.test(s) && numberLiteral.lastIndex > i ? numberLiteral.lastIndex : -1;
}

function endOfObject(s: string, open: number, depth: number): number {
  let i = skipSpace(s, open + 1);
  if (s.charCodeAt(i) === CLOSE_BRACE) return i + 1;
  for (;;) {
    if (s.charCodeAt(i) !== QUOTE) return -1;
    i = endOfString(s, i);
    if (i < 0) return -1;
    i = skipSpace(s, i);
    if (s.charCodeAt(i) !== COLON) return -1;
    i = endOfValue(s, skipSpace(s, i + 1), depth);
    if (i < 0) return -1;
    i = skipSpace(s, i);
    const c = s.charCodeAt(i);
    if (c === CLOSE_BRACE) return i + 1;
    if (c !== COMMA) return -1;
    i = skipSpace(s, i + 1);
  }
}

function endOfArray(s: string, open: number, depth: number): number {
  let i = skipSpace(s, open + 1);
  if (s.charCodeAt(i) === CLOSE_BRACKET) return i + 1;
  for (;;) {
    i = endOfValue(s, i, depth);
    if (i < 0) return -1;
    i = skipSpace(s, i);
    const c = s.charCodeAt(i);
    if (c === CLOSE_BRACKET) return i + 1;
    if (c !== COMMA) return -1;
    i = skipSpace(s, i + 1);
  }
}

/** True when `text` is one JSON object, optionally surrounded by JSON white space, and nothing else. */
export function isJsonObject(text: string): boolean {
  const start = skipSpace(text, 0);
  if (text.charCodeAt(start) !== OPEN_BRACE) return false;
  const end = endOfObject(text, start, 1);
  return end > 0 && skipSpace(text, end) === text.length;
}
