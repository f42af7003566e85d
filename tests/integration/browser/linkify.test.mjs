// The page's pure text helpers (resources/web/js/features/linkify.js), table-tested in Node: which
// parts of a message become links (http and https only, never markup), and what counts as a
// mention of a nickname.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../../resources/web/js/features/linkify.js', import.meta.url), 'utf8');
const { tokenize, mentions } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

describe('links in a message', () => {
  const cases = [
    ['plain text', [['text', 'plain text']]],
    ['see https://example.org/a?b=1#c.', [['text', 'see '], ['link', 'https://example.org/a?b=1#c'], ['text', '.']]],
    ['http://10.0.0.5:3000/x, then', [['link', 'http://10.0.0.5:3000/x'], ['text', ', then']]],
    ['(https://en.wikipedia.org/wiki/Qt_(software))', [['text', '('], ['link', 'https://en.wikipedia.org/wiki/Qt_(software)'], ['text', ')']]],
    ['[https://a.example/x]', [['text', '['], ['link', 'https://a.example/x'], ['text', ']']]],
    ['HTTPS://EXAMPLE.ORG ok', [['link', 'HTTPS://EXAMPLE.ORG'], ['text', ' ok']]],
    ['a https://a.example b https://b.example', [['text', 'a '], ['link', 'https://a.example'], ['text', ' b '], ['link', 'https://b.example']]],
    // never a link: other schemes, no host, markup around a URL stays text
    ['javascript:alert(1)', [['text', 'javascript:alert(1)']]],
    ['JaVaScRiPt://x.y/%0Aalert(1)', [['text', 'JaVaScRiPt://x.y/%0Aalert(1)']]],
    ['data:text/html,<script>alert(1)</script>', [['text', 'data:text/html,<script>alert(1)</script>']]],
    ['ftp://files.example/ file://x', [['text', 'ftp://files.example/ file://x']]],
    ['http:// https://', [['text', 'http:// https://']]],
    ['<a href="https://x.example/">x</a>', [['text', '<a href="'], ['link', 'https://x.example/'], ['text', '">x</a>']]],
    ['xhttps://evil.example', [['text', 'xhttps://evil.example']]],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => {
      const tokens = tokenize(text);
      assert.deepEqual(tokens, expected);
      assert.equal(tokens.map((t) => t[1]).join(''), text, 'nothing lost or added');
      for (const [kind, s] of tokens) if (kind === 'link') assert.match(new URL(s).protocol, /^https?:$/);
    });
  }
});

describe('mentions', () => {
  const cases = [
    ['@Ann hi', 'Ann', true],
    ['hi @ann!', 'Ann', true],
    ['hi @ANN, you there?', 'Ann', true],
    ['(@Ann)', 'Ann', true],
    ['@Ann Lee look', 'Ann Lee', true],
    ['@Anna hi', 'Ann', false],
    ['mail ann@ann.example', 'Ann', false],
    ['x@Ann', 'Ann', false],
    ['Ann without at', 'Ann', false],
    ['@a.b hi', 'a.b', true],
    ['@axb hi', 'a.b', false], // the nickname is matched literally, not as a pattern
    ['@Zoë!', 'zoë', true],
    ['anything', '', false],
  ];
  for (const [text, nickname, expected] of cases) {
    it(`${JSON.stringify(text)} ${expected ? 'mentions' : 'does not mention'} ${nickname}`, () => assert.equal(mentions(text, nickname), expected));
  }
});
