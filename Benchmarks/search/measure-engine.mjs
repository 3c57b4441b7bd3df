// Measures guidesite's search engine (Themes/default/assets/search/engine.js) under Node on a
// built site: bytes a browser would download per query, and query time.
//
//   node Benchmarks/search/measure-engine.mjs --engine Themes/default/assets/search/engine.js \
//        --index Output/search --queries '["consentement","consentement photo client"]' --runs 20
//
// For every query a new engine is created (an empty cache, like a fresh page) with a loader that
// reads Output/search/<path> from disk and counts the bytes of every file it is asked for, raw and
// gzip-compressed (what a web server with compression would send). The first search is the "cold"
// time (it includes reading and parsing the files); the same query is then repeated on the same
// engine for the "warm" time (files cached: ranking, snippets only). Results limited to 10,
// like the first screen of results. Prints one JSON object.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, all) => {
  if (v.startsWith('--')) acc.push([v.slice(2), all[i + 1]]);
  return acc;
}, []));
const enginePath = args.engine;
const index = args.index;
const queries = JSON.parse(args.queries ?? '["consentement"]');
const runs = Number(args.runs ?? 20);
const language = args.language ?? 'fr';
const limit = Number(args.limit ?? 10);

const { createSearchEngine } = await import(pathToFileURL(enginePath).href);

function gz(buf) { return gzipSync(buf, { level: 6 }).length; }

// The engine's own code, as a browser downloads it.
const codeFiles = ['engine.js', 'analyzer.js', language === 'fr' ? 'stemmer-fr.js' : 'stemmer-en.js'];
const code = { files: codeFiles, bytes: 0, gzip: 0 };
for (const f of codeFiles) {
  const buf = readFileSync(join(dirname(enginePath), f));
  code.bytes += buf.length;
  code.gzip += gz(buf);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : null; };

const out = { engine: enginePath, index, code, queries: [] };
for (const q of queries) {
  const stats = { files: [], bytes: 0, gzip: 0 };
  const load = async (path) => {
    const buf = readFileSync(join(index, path));
    stats.files.push(path);
    stats.bytes += buf.length;
    stats.gzip += gz(buf);
    return JSON.parse(buf.toString('utf8'));
  };
  const engine = createSearchEngine({ load, language });
  const t0 = performance.now();
  const results = await engine.search(q, { limit });
  const cold = performance.now() - t0;
  // gzip sizes are computed inside the loader: take them out of the cold time.
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await engine.search(q, { limit });
    warm.push(performance.now() - t);
  }
  out.queries.push({
    query: q, words: q.trim().split(/\s+/).length, total: results.total, shown: results.length,
    top: results.slice(0, 3).map((r) => r.url),
    files: stats.files.length, file_list: stats.files, bytes: stats.bytes, gzip_bytes: stats.gzip,
    cold_ms: cold, warm_ms_median: median(warm), warm_ms_max: Math.max(...warm),
  });
}
// A cold time without the gzip work of the loader: a second fresh engine, counting nothing.
for (const entry of out.queries) {
  const engine = createSearchEngine({ load: async (p) => JSON.parse(readFileSync(join(index, p), 'utf8')), language });
  const t = performance.now();
  await engine.search(entry.query, { limit });
  entry.cold_ms = performance.now() - t;
}
let total = 0, files = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) walk(p); else { total += s.size; files++; }
  }
};
walk(index);
out.index_bytes = total;
out.index_files = files;
console.log(JSON.stringify(out, null, 1));
