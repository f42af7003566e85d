// Build step (issue 14, "a light page"): turns the page's readable sources (resources/web) into
// the few small files the server embeds and serves, with esbuild (a devDependency in package.json):
//   js/main.js         every module of the page and the Socket.IO client (socket.io-client's ES
//                      module build, tree-shaken) in one minified ES module (one request, not 18)
//   js/strings/LL.js   each locale's string table, minified and kept apart: i18n.js imports only
//                      the reader's one at run time (the import stays as ./strings/LL.js)
//   chat.css           minified (comments and whitespace gone)
//   index.html         the page without its HTML comments
//   anything else      (favicon.svg) copied as it is
// No source map and no inline script: the built-in Content-Security-Policy stays as it is.
//
//   node scripts/buildweb.mjs SOURCE_DIR OUT_DIR
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error('usage: node scripts/buildweb.mjs SOURCE_DIR OUT_DIR');
  process.exit(2);
}
// The same language level as the sources (top-level await, ??, Object.hasOwn): nothing lowered.
const common = { minify: true, charset: 'utf8', target: 'es2022', legalComments: 'none', logLevel: 'warning' };

await build({ ...common, entryPoints: [join(src, 'js', 'main.js')], outfile: join(out, 'js', 'main.js'),
  bundle: true, format: 'esm', external: ['./strings/*'] });
const tables = readdirSync(join(src, 'js', 'strings')).filter((f) => f.endsWith('.js'));
await build({ ...common, entryPoints: tables.map((f) => join(src, 'js', 'strings', f)),
  outdir: join(out, 'js', 'strings'), format: 'esm' });

for (const f of readdirSync(src, { recursive: true })) {
  const rel = String(f).split(sep).join('/');
  if (rel === 'js' || rel.startsWith('js/')) continue; // bundled above
  const from = join(src, rel);
  const to = join(out, rel);
  if (statSync(from).isDirectory()) continue;
  mkdirSync(dirname(to), { recursive: true });
  if (rel.endsWith('.css')) {
    await build({ ...common, entryPoints: [from], outfile: to, loader: { '.css': 'css' } });
  } else if (rel.endsWith('.html')) {
    writeFileSync(to, readFileSync(from, 'utf8').replace(/<!--[\s\S]*?-->\n?/g, ''));
  } else {
    copyFileSync(from, to);
  }
}
