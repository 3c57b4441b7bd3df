// Engine tests over the index committed in Tests/Fixtures/analysis/search-index/
// (written by SearchIndexWriterTests in Swift).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import { createSearchEngine, withinOneEdit } from '../../Themes/default/assets/search/engine.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'Fixtures', 'analysis', 'search-index');
const loaded = [];
const load = async (path) => { loaded.push(path); return JSON.parse(await readFile(join(root, path), 'utf8')); };
const fr = createSearchEngine({ load, language: 'fr' });
const en = createSearchEngine({ load, language: 'en' });
const urls = (results) => results.map((r) => r.url);

test('a provision number ranks the provision first, then the texts citing it', async () => {
  const r = await fr.search('3.09.10');
  assert.equal(r[0].url, 'codes/code-de-deontologie/#3.09.10');
  assert.equal(r[0].kind, 'provision');
  assert.equal(r[0].section, '3.09.10 — Secret professionnel');
  assert.equal(r[1].url, 'articles/medias-sociaux/');
  assert.ok(urls(r).includes('codes/code-des-professions/'));
  assert.equal(r.total, 3);
  const art = await fr.search('art. 3.09.10');
  assert.equal(art[0].url, 'codes/code-de-deontologie/#3.09.10');
});

test('prefix matching on the last word, including citation numbers', async () => {
  assert.ok(urls(await fr.search('consent')).includes('articles/medias-sociaux/#consentement'));
  assert.ok(urls(await fr.search('publici')).includes('articles/publicite/'));
  assert.ok(urls(await fr.search('3.09')).includes('codes/code-de-deontologie/#3.09.10'));
  assert.ok(urls(await fr.search('6.1')).includes('codes/code-de-deontologie/#6.1.6'));
  // A partly typed word whose stem is already complete.
  assert.ok(urls(await fr.search('consentem')).includes('articles/medias-sociaux/#consentement'));
});

test('one typo is forgiven in words of five letters or more', async () => {
  assert.ok(urls(await fr.search('dosiers ')).includes('recommandations/tenue-des-dossiers/'));
  assert.ok(urls(await fr.search('pulbicité ')).includes('articles/publicite/'));
  assert.ok(urls(await fr.search('stagaire ')).includes('articles/stagiaires/'));
  assert.equal((await fr.search('sercet ')).length > 0, true);
  assert.equal((await fr.search('zzz ')).length, 0);
  assert.ok(withinOneEdit('dossi', 'dosi') && withinOneEdit('ab', 'ba') && !withinOneEdit('abc', 'cab'));
});

test('accents do not matter, in either direction', async () => {
  const plain = urls(await fr.search('eleve '));
  assert.ok(plain.includes('articles/stagiaires/'));
  assert.ok(plain.includes('articles/formulaires/'));
  const accented = urls(await fr.search('élèves '));
  assert.ok(accented.includes('articles/formulaires/'));
  assert.ok(accented.includes('articles/stagiaires/'));
  assert.ok(urls(await fr.search('deontologie ')).includes('codes/code-de-deontologie/#3.09.10'));
  assert.ok(urls(await fr.search('CONFIDENTIALITÉ ')).includes('a-propos/'));
});

test('filters by kind and by profession', async () => {
  const kinds = await fr.search('dossiers', { kinds: ['recommendation'] });
  assert.deepEqual(urls(kinds), ['recommandations/tenue-des-dossiers/']);
  const prof = await fr.search('secret', { professions: ['infirmieres'] });
  assert.deepEqual(urls(prof), ['articles/medias-sociaux/#consentement']);
  const prof2 = await fr.search('consentement', { professions: ['infirmieres'] });
  assert.deepEqual(urls(prof2), ['articles/medias-sociaux/#consentement']);
  const meta = await fr.meta();
  assert.deepEqual(meta.professions, ['infirmieres', 'ingenieurs', 'pharmaciens']);
});

test('title words rank above body words; all words must match when possible', async () => {
  const r = await fr.search('secret professionnel ');
  assert.ok(r.length >= 3);
  const r2 = await fr.search('dossiers clients ');
  assert.equal(r2[0].url, 'recommandations/tenue-des-dossiers/');
  const limited = await fr.search('secret', { limit: 1 });
  assert.equal(limited.length, 1);
  assert.ok(limited.total >= 3);
});

test('snippets are text segments with the matches marked', async () => {
  const [first] = await fr.search('consentement');
  assert.ok(first.snippet.every((s) => typeof s.text === 'string' && typeof s.match === 'boolean'));
  assert.ok(first.snippet.some((s) => s.match && /consentement/i.test(s.text)));
  assert.ok(first.titleSegments.length > 0);
  const [a] = await fr.search('facebook');
  assert.ok(a.snippet.some((s) => s.match && s.text === 'Facebook'));
});

test('empty, stop-word-only and unknown queries', async () => {
  assert.equal((await fr.search('')).length, 0);
  assert.equal((await fr.search('le la les ')).length, 0);
  assert.equal((await fr.search('xylophone ')).total, 0);
});

test('English index', async () => {
  const r = await en.search('secrecy');
  assert.equal(r[0].url, 'en/articles/social-media/');
  assert.equal((await en.search('3.09.10'))[0].url, 'en/articles/social-media/');
  assert.ok(urls(await en.search('recor')).includes('en/articles/records/'));
});

test('only the shards a query needs are loaded', async () => {
  const engine = createSearchEngine({ load, language: 'fr' });
  loaded.length = 0;
  await engine.search('consentement ');
  assert.ok(loaded.includes('fr/meta.json'));
  assert.equal(loaded.filter((p) => p.startsWith('fr/terms-')).length, 1);
  assert.ok(!loaded.includes('fr/facets.json'));
});
