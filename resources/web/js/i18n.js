// The page's strings: one table per locale (strings/LOCALE.js, all with the same keys, which a
// test checks), chosen from the browser's preferred languages; only the chosen one is loaded.
// Adding a language is adding its table and its name to LOCALES.
export const LOCALES = ['en', 'de'];

// The first of the browser's languages we have a table for ("de-AT" uses "de"), else English.
export function pickLocale(languages) {
  for (const tag of languages || []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LOCALES.includes(base)) return base;
  }
  return 'en';
}

// The reader's choice from the switch on the page (kept in localStorage), else the browser's.
const KEY = 'chathost.lang';
const languages = navigator.languages || [navigator.language];
let chosen = null;
try { chosen = localStorage.getItem(KEY); } catch (e) { /* private mode: fine */ }
export const locale = LOCALES.includes(chosen) ? chosen : pickLocale(languages);
// Dates in the reader's own variant of the language (de-AT, en-GB) when the browser has one.
export const region = languages.find((tag) => pickLocale([tag]) === locale) || locale;
const NAMES = { en: 'English', de: 'Deutsch' }; // each language in its own words
const table = (await import(`./strings/${locale}.js`)).default;
const plurals = new Intl.PluralRules(locale);

// t('typing.one', {a: 'Ann'}): the string for key, with {name} replaced by params.name (as text:
// the result is only ever put into textContent). A missing key shows as itself.
export function t(key, params = {}) {
  if (!Object.hasOwn(table, key)) return key;
  let value = table[key];
  if (typeof value === 'object') value = value[plurals.select(Number(params.n))] ?? value.other;
  return value.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

// Fills the static page from the table: data-i18n sets the text, data-i18n-ATTR an attribute.
export function translatePage(root = document) {
  document.documentElement.lang = locale;
  document.title = t('app.title');
  for (const el of root.querySelectorAll('*')) {
    for (const { name, value } of [...el.attributes]) {
      if (name === 'data-i18n') el.textContent = t(value);
      else if (name.startsWith('data-i18n-')) el.setAttribute(name.slice('data-i18n-'.length), t(value));
    }
  }
}

// The language switch: the choice is kept, and the page reloads in it (as the same person).
const select = document.getElementById('lang');
for (const code of LOCALES) select.add(new Option(NAMES[code], code, false, code === locale));
select.addEventListener('change', () => {
  try { localStorage.setItem(KEY, select.value); } catch (e) { /* fine */ }
  location.reload();
});
