// The Snowball English ("Porter2") stemming algorithm (as in Snowball 3),
// written from the algorithm's description; mirrors
// Sources/GuideSiteKit/Search/EnglishStemmer.swift.

import { SuffixTable, cps, hasPrefix } from './stemmer-fr.js';

const C = { a: 0x61, e: 0x65, i: 0x69, l: 0x6c, o: 0x6f, p: 0x70, s: 0x73, t: 0x74, y: 0x79, Y: 0x59, apostrophe: 0x27 };
const VOWELS = new Set(cps('aeiouy'));
const isVowel = (c) => VOWELS.has(c);

const EXCEPTIONS1 = new Map([
  ['skis', 'ski'], ['skies', 'sky'], ['idly', 'idl'], ['gently', 'gentl'], ['ugly', 'ugli'],
  ['early', 'earli'], ['only', 'onli'], ['singly', 'singl'], ['sky', 'sky'], ['news', 'news'],
  ['howe', 'howe'], ['atlas', 'atlas'], ['cosmos', 'cosmos'], ['bias', 'bias'], ['andes', 'andes'],
]);
const REGION_PREFIXES = ['arsen', 'commun', 'emerg', 'gener', 'inter', 'later', 'organ', 'past', 'univers'];
const EED_STEMS = new SuffixTable([['succ', 1], ['proc', 1], ['exc', 1]]);
const ING_STEMS = new SuffixTable([['even', 2], ['cann', 2], ['inn', 2], ['earr', 2], ['herr', 2], ['out', 2], ['y', 1]]);
const STEP1A = new SuffixTable([['sses', 1], ['ied', 2], ['ies', 2], ['s', 3], ['us', 4], ['ss', 4]]);
const STEP1B = new SuffixTable([['eed', 1], ['eedly', 1], ['ed', 2], ['edly', 2], ['ing', 3], ['ingly', 3]]);
const STEP1B_TAIL = new SuffixTable([
  ['at', 1], ['bl', 1], ['iz', 1],
  ...['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'].map((s) => [s, 2]),
]);
const STEP2 = new SuffixTable([
  ['tional', 1], ['enci', 2], ['anci', 3], ['abli', 4], ['entli', 5], ['izer', 6], ['ization', 6],
  ['ational', 7], ['ation', 7], ['ator', 7], ['alism', 8], ['aliti', 8], ['alli', 8],
  ['fulness', 9], ['ousli', 10], ['ousness', 10], ['iveness', 11], ['iviti', 11],
  ['biliti', 12], ['bli', 12], ['ogi', 13], ['ogist', 17], ['fulli', 14], ['lessli', 15], ['li', 16],
]);
const STEP2_REPLACEMENTS = new Map([
  [1, 'tion'], [2, 'ence'], [3, 'ance'], [4, 'able'], [5, 'ent'], [6, 'ize'], [7, 'ate'], [8, 'al'],
  [9, 'ful'], [10, 'ous'], [11, 'ive'], [12, 'ble'], [14, 'ful'], [15, 'less'], [17, 'og'],
]);
const STEP3 = new SuffixTable([
  ['tional', 1], ['ational', 2], ['alize', 3], ['icate', 4], ['iciti', 4], ['ical', 4],
  ['ful', 5], ['ness', 5], ['ative', 6],
]);
const STEP4 = new SuffixTable([
  ...['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate',
    'iti', 'ous', 'ive', 'ize'].map((s) => [s, 1]),
  ['ion', 2],
]);
const VALID_LI = new Set(cps('cdeghkmnrt'));

function afterVowelConsonant(w, from) {
  let k = from;
  while (k < w.length && !isVowel(w[k])) k++;
  if (k >= w.length) return null;
  k++;
  while (k < w.length && isVowel(w[k])) k++;
  if (k >= w.length) return null;
  return k + 1;
}

function shortV(w, end) {
  if (end < 2) return false;
  const last = w[end - 1];
  if (end >= 3 && !isVowel(last) && last !== 0x77 && last !== 0x78 && last !== C.Y &&
      isVowel(w[end - 2]) && !isVowel(w[end - 3])) return true;
  if (!isVowel(last) && isVowel(w[end - 2]) && end - 2 === 0) return true;
  return end >= 4 && w[end - 4] === C.p && w[end - 3] === C.a && w[end - 2] === C.s && last === C.t;
}

function hasVowel(w, end) {
  for (let k = 0; k < end; k++) if (isVowel(w[k])) return true;
  return false;
}

const replace = (w, start, s) => { w.splice(start, w.length - start, ...cps(s)); };

function step1b(w, p1) {
  const m = STEP1B.longest(w);
  if (!m) return;
  const [s, code] = m;
  if (code === 1) {
    if (s >= p1) {
      const e = EED_STEMS.longest(w, 0, s);
      if (e && e[0] === 0) return;
      replace(w, s, 'ee');
    }
    return;
  }
  if (code === 3) {
    const g = ING_STEMS.longest(w, 0, s);
    if (g) {
      if (g[1] === 1) {
        if (g[0] === 1 && !isVowel(w[0])) { replace(w, g[0], 'ie'); return; }
      } else if (g[0] === 0) return;
    }
  }
  if (!hasVowel(w, s)) return;
  w.length = s;
  const t = STEP1B_TAIL.longest(w);
  if (t) {
    if (t[1] === 1) w.push(C.e);
    else {
      const k = w.length - 2;
      if (!(k === 1 && (w[0] === C.a || w[0] === C.e || w[0] === C.o))) w.length -= 1;
    }
  } else if (w.length === p1 && shortV(w, w.length)) w.push(C.e);
}

function steps(w, p1, p2) {
  const n0 = w.length;
  if (n0 >= 3 && w[n0 - 3] === C.apostrophe && w[n0 - 2] === C.s && w[n0 - 1] === C.apostrophe) w.length -= 3;
  else if (n0 >= 2 && w[n0 - 2] === C.apostrophe && w[n0 - 1] === C.s) w.length -= 2;
  else if (w[n0 - 1] === C.apostrophe) w.length -= 1;
  const a = STEP1A.longest(w);
  if (a) {
    const [s, code] = a;
    if (code === 1) replace(w, s, 'ss');
    else if (code === 2) replace(w, s, s >= 2 ? 'i' : 'ie');
    else if (code === 3) { if (s >= 1 && hasVowel(w, s - 1)) w.length -= 1; }
  }
  step1b(w, p1);
  if (w.length >= 3) {
    const last = w[w.length - 1];
    if ((last === C.y || last === C.Y) && !isVowel(w[w.length - 2])) w[w.length - 1] = C.i;
  }
  const m2 = STEP2.longest(w);
  if (m2 && m2[0] >= p1) {
    const [s, code] = m2;
    const rep = STEP2_REPLACEMENTS.get(code);
    if (rep !== undefined) replace(w, s, rep);
    else if (code === 13) { if (s >= 1 && w[s - 1] === C.l) replace(w, s, 'og'); }
    else if (s >= 1 && VALID_LI.has(w[s - 1])) w.length = s;
  }
  const m3 = STEP3.longest(w);
  if (m3 && m3[0] >= p1) {
    const [s, code] = m3;
    if (code === 1) replace(w, s, 'tion');
    else if (code === 2) replace(w, s, 'ate');
    else if (code === 3) replace(w, s, 'al');
    else if (code === 4) replace(w, s, 'ic');
    else if (code === 5) w.length = s;
    else if (s >= p2) w.length = s;
  }
  const m4 = STEP4.longest(w);
  if (m4 && m4[0] >= p2) {
    const [s, code] = m4;
    if (code === 1) w.length = s;
    else if (s >= 1 && (w[s - 1] === C.s || w[s - 1] === C.t)) w.length = s;
  }
  if (w.length > 0) {
    const s = w.length - 1;
    const last = w[s];
    if (last === C.e) {
      if (s >= p2 || (s >= p1 && !shortV(w, s))) w.length -= 1;
    } else if (last === C.l) {
      if (s >= p2 && s >= 1 && w[s - 1] === C.l) w.length -= 1;
    }
  }
}

/** Stems one lower-case word given as an array of code points. */
export function stemEnglishCodePoints(input) {
  const key = String.fromCodePoint(...input);
  const e = EXCEPTIONS1.get(key);
  if (e !== undefined) return cps(e);
  if (input.length < 3) return input.slice();
  const w = input.slice();
  if (w[0] === C.apostrophe) w.shift();
  let yFound = false;
  if (w[0] === C.y) { w[0] = C.Y; yFound = true; }
  for (let c = 0; c < w.length;) {
    if (isVowel(w[c]) && c + 1 < w.length && w[c + 1] === C.y) { w[c + 1] = C.Y; yFound = true; c += 2; } else c++;
  }
  const n = w.length;
  let p1 = n;
  let p2 = n;
  let start = null;
  for (const prefix of REGION_PREFIXES) {
    if (hasPrefix(w, prefix)) start = Math.max(start ?? 0, prefix.length);
  }
  if (start === null) start = afterVowelConsonant(w, 0);
  if (start !== null) {
    p1 = start;
    p2 = afterVowelConsonant(w, start) ?? n;
  }
  steps(w, p1, p2);
  if (yFound) for (let k = 0; k < w.length; k++) if (w[k] === C.Y) w[k] = C.y;
  return w;
}

/** Stems one lower-case English word. */
export function stemEnglish(word) {
  return String.fromCodePoint(...stemEnglishCodePoints(cps(word)));
}
