// node --test Tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import { Analyzer, FRENCH_STOP_WORDS, ENGLISH_STOP_WORDS, ELISIONS, FOLD, fold } from '../../Themes/default/assets/search/analyzer.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'Fixtures', 'analysis');

function stems(name) {
  const out = [];
  for (const line of readFileSync(join(fixtures, name), 'utf8').split('\n')) {
    if (!line) continue;
    const [word, spec] = line.split('\t');
    const colon = spec.indexOf(':');
    const count = Number(colon < 0 ? spec : spec.slice(0, colon));
    const rest = colon < 0 ? '' : spec.slice(colon + 1);
    out.push([word, Array.from(word).slice(0, count).join('') + rest]);
  }
  return out;
}

function checkStems(file, language, minimum) {
  const pairs = stems(file);
  assert.ok(pairs.length >= minimum, `${pairs.length} words`);
  const a = new Analyzer(language);
  const mismatches = pairs.filter(([w, s]) => a.stem(w) !== s).map(([w, s]) => `${w}: ${a.stem(w)} ≠ ${s}`);
  assert.deepEqual(mismatches.slice(0, 30), [], `${mismatches.length} mismatches`);
}

test('French stemmer matches Snowball on every word', () => checkStems('stems-fr.tsv', 'fr', 20000));
test('English stemmer matches Snowball on every word', () => checkStems('stems-en.tsv', 'en', 1000));

const vectors = JSON.parse(readFileSync(join(fixtures, 'analyzer.json'), 'utf8'));

test('tables match the vectors', () => {
  assert.deepEqual([...FRENCH_STOP_WORDS].sort(), vectors.stopWords.fr);
  assert.deepEqual([...ENGLISH_STOP_WORDS].sort(), vectors.stopWords.en);
  assert.deepEqual([...ELISIONS].sort(), vectors.elisions);
  assert.deepEqual(FOLD, vectors.fold);
});

test('analyzer matches the vectors', () => {
  assert.ok(vectors.sentences.length >= 200);
  const analyzers = { fr: new Analyzer('fr'), en: new Analyzer('en') };
  for (const s of vectors.sentences) assert.deepEqual(analyzers[s.lang].terms(s.text), s.terms, s.text);
});

test('citation numbers stay whole, elisions go', () => {
  const a = new Analyzer('fr');
  assert.deepEqual(a.terms('art. 3.09.10, puis 6.1.6.'), ['art', '3.09.10', '6.1.6']);
  assert.deepEqual(a.terms('l’avis d\'un membre'), ['avis', 'membr']);
});

test('accent-insensitive recall ≥ 99 % on the accented words of the list', () => {
  const a = new Analyzer('fr');
  const termSet = (text) => new Set(a.analyze(text).flatMap((t) => (t.alternate ? [t.term, t.alternate] : [t.term])));
  let total = 0;
  let found = 0;
  for (const [w] of stems('stems-fr.tsv')) {
    if (fold(w) === w) continue;
    const index = termSet(w);
    if (index.size === 0) continue;
    total++;
    const query = termSet(fold(w));
    if ([...query].some((t) => index.has(t))) found++;
  }
  console.log(`accent recall: ${found}/${total} = ${(100 * found / total).toFixed(2)} %`);
  assert.ok(total > 5000);
  assert.ok(found / total >= 0.99);
});

test('speed', () => {
  const words = stems('stems-fr.tsv').map(([w]) => w);
  const parts = [];
  let size = 0;
  for (let k = 0; size < 2_000_000; k++) {
    const w = words[(k * 7919) % words.length] + (k % 13 === 0 ? '. L’article 3.09.10 s\'applique. ' : ' ');
    parts.push(w);
    size += Buffer.byteLength(w);
  }
  const text = parts.join('');
  const a = new Analyzer('fr');
  for (let pass = 1; pass <= 2; pass++) {
    const t0 = performance.now();
    const n = a.analyze(text).length;
    const s = (performance.now() - t0) / 1000;
    console.log(`js analyzer pass ${pass}: ${(size / s / 1e6).toFixed(1)} MB/s (${n} tokens)`);
  }
});
