// Text analysis of guidesite's search, identical to the Swift TextAnalyzer
// (Sources/GuideSiteKit/Search/TextAnalyzer.swift): NFC, tokens of letters,
// marks and decimal digits ("3.09.10" stays one token), lower case, French
// elisions, trailing 's dropped, stop words, Snowball stemmer, accent folding.
// Dependency-free ES module for browsers and Node.

import { stemFrenchCodePoints } from './stemmer-fr.js';
import { stemEnglishCodePoints } from './stemmer-en.js';

/** French stop words, accent-folded. Same list as AnalysisTables.swift. */
export const FRENCH_STOP_WORDS = (
  'a ai aie aient aies ait as au aucun aucune aupres aussi autre autres aux avaient avais avait avant avec ' +
  'avez aviez avions avoir avons ayant c ca car ce ceci cela celle celles celui ces cet cette ceux chaque ' +
  'chez comme comment d dans de des donc dont du elle elles en encore entre es est et etaient etais etait ' +
  'etant etre eu eux il ils j je jusqu l la le les leur leurs lors lorsqu lorsque lui m ma mais me meme ' +
  'memes mes moi mon n ne ni nos notre nous on ont ou par parce pas peu peut peuvent plusieurs pour ' +
  'pourquoi puis puisqu puisque qu quand que quel quelle quelles quels qui quoi quoiqu s sa sans se selon ' +
  'ses si sien soi soient sois soit sommes son sont sous suis sur t ta te tes toi ton tous tout toute ' +
  'toutes tres tu un une unes uns vers via voici voila vos votre vous y').split(' ');

/** English stop words. Same list as AnalysisTables.swift. */
export const ENGLISH_STOP_WORDS = (
  'a about after all also am an and any are as at be been before being both but by can could did do does ' +
  'doing during each for from further had has have having he her here hers him his how i if in into is it ' +
  'its itself just me more most my no nor not of off on once only or other our ours out over own s same ' +
  'she should so some such t than that the their theirs them then there these they this those through to ' +
  'too under until up very was we were what when where which while who whom why will with would you your ' +
  'yours').split(' ');

/** Words dropped before an apostrophe followed by a letter. */
export const ELISIONS = ['c', 'd', 'j', 'jusqu', 'l', 'lorsqu', 'm', 'n', 'presqu', 'puisqu', 'qu', 'quelqu', 'quoiqu', 's', 't'];

const FOLD_FROM = 'àáâãäåçèéêëìíîïñòóôõöøùúûüýÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľłńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ';
const FOLD_TO = 'aaaaaaceeeeiiiinoooooouuuuyyaaaccccddeeeeegggghhiiiiijkllllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooy';

/** Accent folding of lower-case letters. */
export const FOLD = (() => {
  const table = { ß: 'ss', æ: 'ae', œ: 'oe' };
  const from = Array.from(FOLD_FROM);
  const to = Array.from(FOLD_TO);
  from.forEach((c, k) => { table[c] = to[k]; });
  return table;
})();

const FOLD_CP = new Map(Object.entries(FOLD).map(([k, v]) => [k.codePointAt(0), Array.from(v, (c) => c.codePointAt(0))]));
const APOSTROPHES = new Set([0x27, 0x2019, 0x02bc]);
const MAX_STEM_LENGTH = 40;
const LETTER = /[\p{L}\p{M}]/u;
const DIGIT = /\p{Nd}/u;

const classCache = new Map();

/** [class, lower-case code points]: class 0 separator, 1 letter or mark, 2 decimal digit. */
function classify(cp) {
  let hit = classCache.get(cp);
  if (hit) return hit;
  const ch = String.fromCodePoint(cp);
  if (LETTER.test(ch)) hit = [1, Array.from(ch.toLowerCase(), (c) => c.codePointAt(0))];
  else if (DIGIT.test(ch)) hit = [2, [cp]];
  else hit = [0, [cp]];
  classCache.set(cp, hit);
  return hit;
}

function classOf(cp) {
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) return 1;
    return cp >= 0x30 && cp <= 0x39 ? 2 : 0;
  }
  return classify(cp)[0];
}

/** Accent folding of a lower-case string ("é" → "e", "œ" → "oe"). */
export function fold(s) {
  let out = '';
  for (const c of s) out += FOLD[c] ?? c;
  return out;
}

function foldCodePoints(cps) {
  let changed = false;
  const out = [];
  for (const c of cps) {
    const rep = FOLD_CP.get(c);
    if (rep) { out.push(...rep); changed = true; } else out.push(c);
  }
  return changed ? out : cps;
}

const sameArray = (a, b) => a.length === b.length && a.every((v, k) => v === b[k]);
const toString = (cps) => String.fromCodePoint(...cps);

/**
 * Tokenizes NFC text. Calls `emit(token, start, end)` with the lower-case
 * token (string) and its UTF-16 offsets in the NFC text.
 */
function tokenize(text, emit) {
  const n = text.length;
  let buf = [];
  let start = -1;
  let i = 0;
  const flush = (end) => {
    if (buf.length) emit(toString(buf), start, end);
    buf = [];
    start = -1;
  };
  while (i < n) {
    const c = text.codePointAt(i);
    const len = c > 0xffff ? 2 : 1;
    let cls;
    let lower;
    if (c < 0x80) {
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) { cls = 1; lower = c; }
      else if (c >= 0x41 && c <= 0x5a) { cls = 1; lower = c + 0x20; }
      else cls = 0;
    } else {
      const k = classify(c);
      cls = k[0];
      lower = k[1];
    }
    if (cls !== 0) {
      if (start < 0) start = i;
      if (typeof lower === 'number') buf.push(lower); else buf.push(...lower);
      i += len;
      continue;
    }
    if (buf.length && i + len < n) {
      const next = text.codePointAt(i + len);
      const nextLen = next > 0xffff ? 2 : 1;
      if (c === 0x2e) {
        if (classOf(next) === 2 && classOf(buf[buf.length - 1]) === 2) {
          buf.push(c);
          i += len;
          continue;
        }
      } else if (APOSTROPHES.has(c) && classOf(next) !== 0) {
        if (ELISION_SET.has(toString(buf))) {
          buf = [];
          start = -1;
          i += len;
          continue;
        }
        if (next === 0x73 || next === 0x53) {
          const after = i + len + nextLen;
          if (after >= n || classOf(text.codePointAt(after)) === 0) {
            flush(i);
            i = after;
            continue;
          }
        }
      }
    }
    flush(i);
    i += len;
  }
  flush(n);
}

const ELISION_SET = new Set(ELISIONS);

/** Analyzer of one language; caches the analysis of every distinct token. */
export class Analyzer {
  constructor(language) {
    this.language = language === 'en' ? 'en' : 'fr';
    this.stopWords = new Set(this.language === 'fr' ? FRENCH_STOP_WORDS : ENGLISH_STOP_WORDS);
    this.stemCP = this.language === 'fr' ? stemFrenchCodePoints : stemEnglishCodePoints;
    this.cache = new Map();
  }

  /** The Snowball stem of one lower-case word (not folded). */
  stem(word) {
    return toString(this.stemCP(Array.from(word, (c) => c.codePointAt(0))));
  }

  /** [term, alternate|null] for a lower-case token, or null for a stop word. */
  tokenTerms(tok) {
    let hit = this.cache.get(tok);
    if (hit !== undefined) return hit;
    const cps = Array.from(tok, (c) => c.codePointAt(0));
    const folded = foldCodePoints(cps);
    if (cps.some((c) => classOf(c) === 2) || cps.length > MAX_STEM_LENGTH) {
      hit = [toString(folded), null];
    } else if (this.stopWords.has(toString(folded))) {
      hit = null;
    } else {
      const primary = foldCodePoints(this.stemCP(cps));
      const alternate = folded === cps ? primary : foldCodePoints(this.stemCP(folded));
      hit = [toString(primary), sameArray(alternate, primary) ? null : toString(alternate)];
    }
    this.cache.set(tok, hit);
    return hit;
  }

  /**
   * Analysed tokens of `text`: { term, alternate, word, start, end }, where
   * start/end are UTF-16 offsets into `text` (when `text` is already NFC,
   * which the engine ensures for its excerpts).
   */
  analyze(text) {
    const out = [];
    tokenize(text.normalize('NFC'), (tok, start, end) => {
      const t = this.tokenTerms(tok);
      if (t) out.push({ term: t[0], alternate: t[1], word: tok, start, end });
    });
    return out;
  }

  /** All tokens, stop words included: { word, start, end, terms|null }. */
  words(text) {
    const out = [];
    tokenize(text, (tok, start, end) => out.push({ word: tok, start, end, terms: this.tokenTerms(tok) }));
    return out;
  }

  /** Terms in the test-vector notation: "term" or "term|alternate". */
  terms(text) {
    return this.analyze(text).map((t) => (t.alternate ? `${t.term}|${t.alternate}` : t.term));
  }
}
