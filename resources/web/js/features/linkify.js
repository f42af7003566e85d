// Pure text helpers (no DOM, so node --test runs them): the http(s) links in a message, and
// whether a message mentions a nickname. Nothing else in a message ever becomes markup.
const URL_RE = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'*]$/;

// 'see https://a.b/c.' -> [['text', 'see '], ['link', 'https://a.b/c'], ['text', '.']]
export function tokenize(text) {
  const out = [];
  let at = 0;
  for (const m of String(text).matchAll(URL_RE)) {
    let url = m[0];
    // Trailing punctuation belongs to the sentence; a closing bracket only if unbalanced.
    for (;;) {
      if (TRAILING.test(url)) url = url.slice(0, -1);
      else if (')]}'.includes(url.at(-1)) && count(url, '([{'[')]}'.indexOf(url.at(-1))]) < count(url, url.at(-1))) url = url.slice(0, -1);
      else break;
    }
    let ok = false;
    try { ok = /^https?:$/.test(new URL(url).protocol) && url.length > m[0].indexOf('//') + 2; } catch (e) { /* not a URL */ }
    if (!ok) continue;
    if (m.index > at) out.push(['text', text.slice(at, m.index)]);
    out.push(['link', url]);
    at = m.index + url.length;
  }
  if (at < text.length) out.push(['text', text.slice(at)]);
  return out;
}

const count = (s, c) => s.split(c).length - 1;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// '@ann, hi' mentions 'Ann': case-insensitive, not inside a word or an e-mail address, and the
// name ends at a space, punctuation or the end.
export function mentions(text, nickname) {
  if (!nickname) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}_@.])@${escape(nickname)}(?![\\p{L}\\p{N}_])`, 'iu').test(text);
}
