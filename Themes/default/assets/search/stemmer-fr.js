// The Snowball French stemming algorithm (as in Snowball 3), written from the
// algorithm's description; mirrors Sources/GuideSiteKit/Search/FrenchStemmer.swift.
// Words are arrays of code points, lower case; I, U, Y and H are internal markers.

const cps = (s) => Array.from(s, (c) => c.codePointAt(0));
const C = {
  a: 0x61, c: 0x63, e: 0x65, i: 0x69, l: 0x6c, q: 0x71, s: 0x73, t: 0x74, u: 0x75, y: 0x79,
  H: 0x48, I: 0x49, U: 0x55, Y: 0x59, apostrophe: 0x27,
  cCedilla: 0xe7, eAcute: 0xe9, eGrave: 0xe8, eDiaeresis: 0xeb, iDiaeresis: 0xef,
};

const VOWELS = new Set(cps('aeiouyâàëéêèïîôûù'));
const isVowel = (c) => VOWELS.has(c);

/** A suffix table: longest(word, limit) → [start, code] or null. */
export class SuffixTable {
  constructor(list) {
    this.entries = list.map(([s, code]) => [cps(s), code]);
  }

  longest(w, limit = 0, end = w.length) {
    let best = null;
    let bestLength = -1;
    for (const [suffix, code] of this.entries) {
      const m = suffix.length;
      if (m <= bestLength || end - m < limit) continue;
      let k = 0;
      while (k < m && w[end - m + k] === suffix[k]) k++;
      if (k === m) {
        best = [end - m, code];
        bestLength = m;
      }
    }
    return best;
  }
}

const STANDARD = new SuffixTable([
  ['ance', 1], ['iqUe', 1], ['isme', 1], ['able', 1], ['iste', 1], ['eux', 1],
  ['ances', 1], ['iqUes', 1], ['ismes', 1], ['ables', 1], ['istes', 1],
  ['atrice', 2], ['ateur', 2], ['ation', 2], ['atrices', 2], ['ateurs', 2], ['ations', 2],
  ['logie', 3], ['logies', 3],
  ['usion', 4], ['ution', 4], ['usions', 4], ['utions', 4],
  ['ence', 5], ['ences', 5],
  ['ement', 6], ['ements', 6],
  ['ité', 7], ['ités', 7],
  ['if', 8], ['ive', 8], ['ifs', 8], ['ives', 8],
  ['eaux', 9], ['aux', 10], ['oux', 11], ['euse', 12], ['euses', 12],
  ['issement', 13], ['issements', 13],
  ['amment', 14], ['emment', 15], ['ment', 16], ['ments', 16],
]);
const AFTER_EMENT = new SuffixTable([['iv', 1], ['eus', 2], ['abl', 3], ['iqU', 3], ['ièr', 4], ['Ièr', 4]]);
const AFTER_ITE = new SuffixTable([['abil', 1], ['ic', 2], ['iv', 3]]);
const I_VERB = new SuffixTable([
  'îmes', 'ît', 'îtes', 'i', 'ie', 'ies', 'ir', 'ira', 'irai', 'iraIent', 'irais', 'irait', 'iras',
  'irent', 'irez', 'iriez', 'irions', 'irons', 'iront', 'is', 'issaIent', 'issais', 'issait',
  'issant', 'issante', 'issantes', 'issants', 'isse', 'issent', 'isses', 'issez', 'issiez',
  'issions', 'issons', 'it',
].map((s) => [s, 1]));
const VERB = new SuffixTable([
  ['ions', 1],
  ...['é', 'ée', 'ées', 'és', 'èrent', 'er', 'era', 'erai', 'eraIent', 'erais', 'erait', 'eras',
    'erez', 'eriez', 'erions', 'erons', 'eront', 'ez', 'iez', 'eais'].map((s) => [s, 2]),
  ...['âmes', 'ât', 'âtes', 'a', 'ai', 'aIent', 'ait', 'ant', 'ante', 'antes', 'ants', 'as',
    'asse', 'assent', 'asses', 'assiez', 'assions'].map((s) => [s, 3]),
  ['ais', 4], ['aise', 4], ['aises', 4],
]);
const BEFORE_AIS = new SuffixTable([['al', 1], ['épl', 2], ['auv', 2]]);
const RESIDUAL = new SuffixTable([['ion', 1], ['ier', 2], ['ière', 2], ['Ier', 2], ['Ière', 2], ['e', 3]]);
const UNDOUBLE = new SuffixTable([['enn', 1], ['onn', 1], ['ett', 1], ['ell', 1], ['eill', 1]]);
const ELISION_CHARS = new Set(cps('cdjlmnst'));
const OUX_ENDING = new Set(cps('bhjlnp'));
const KEEP_WITH_S = new Set(cps('aiouès'));

function preludeStep(w, c) {
  const ch = w[c];
  if (isVowel(ch) && c + 1 < w.length) {
    const next = w[c + 1];
    if (next === C.u && c + 2 < w.length && isVowel(w[c + 2])) { w[c + 1] = C.U; return true; }
    if (next === C.i && c + 2 < w.length && isVowel(w[c + 2])) { w[c + 1] = C.I; return true; }
    if (next === C.y) { w[c + 1] = C.Y; return true; }
  }
  if (ch === C.eDiaeresis || ch === C.iDiaeresis) {
    w[c] = ch === C.eDiaeresis ? C.e : C.i;
    w.splice(c, 0, C.H);
    return true;
  }
  if (ch === C.y && c + 1 < w.length && isVowel(w[c + 1])) { w[c] = C.Y; return true; }
  if (ch === C.q && c + 1 < w.length && w[c + 1] === C.u) { w[c + 1] = C.U; return true; }
  return false;
}

function hasPrefix(w, p) {
  const s = cps(p);
  if (w.length < s.length) return false;
  for (let k = 0; k < s.length; k++) if (w[k] !== s[k]) return false;
  return true;
}

function afterVowelConsonant(w, from) {
  let k = from;
  while (k < w.length && !isVowel(w[k])) k++;
  if (k >= w.length) return null;
  k++;
  while (k < w.length && isVowel(w[k])) k++;
  if (k >= w.length) return null;
  return k + 1;
}

function regions(w) {
  const n = w.length;
  let pV = n;
  if (n >= 3 && isVowel(w[0]) && isVowel(w[1])) pV = 3;
  else if (hasPrefix(w, 'par') || hasPrefix(w, 'col') || hasPrefix(w, 'tap')) pV = 3;
  else if (hasPrefix(w, 'ni') && n >= 3 && isVowel(w[2])) pV = 3;
  else if (n >= 1) {
    let k = 1;
    while (k < n && !isVowel(w[k])) k++;
    if (k < n) pV = k + 1;
  }
  let p1 = n;
  let p2 = n;
  const a = afterVowelConsonant(w, 0);
  if (a !== null) {
    p1 = a;
    const b = afterVowelConsonant(w, a);
    if (b !== null) p2 = b;
  }
  return { pV, p1, p2 };
}

function ends(w, s) {
  const sc = cps(s);
  if (w.length < sc.length) return null;
  const start = w.length - sc.length;
  for (let k = 0; k < sc.length; k++) if (w[start + k] !== sc[k]) return null;
  return start;
}

const replace = (w, start, s) => { w.splice(start, w.length - start, ...cps(s)); };
const cut = (w, start) => { w.length = start; };

function icTail(w, r) {
  const s = ends(w, 'ic');
  if (s !== null) {
    if (s >= r.p2) cut(w, s); else replace(w, s, 'iqU');
  }
}

function standardSuffix(w, r) {
  const m = STANDARD.longest(w);
  if (!m) return false;
  const [s, code] = m;
  switch (code) {
    case 1: if (s < r.p2) return false; cut(w, s); return true;
    case 2: if (s < r.p2) return false; cut(w, s); icTail(w, r); return true;
    case 3: if (s < r.p2) return false; replace(w, s, 'log'); return true;
    case 4: if (s < r.p2) return false; replace(w, s, 'u'); return true;
    case 5: if (s < r.p2) return false; replace(w, s, 'ent'); return true;
    case 6: {
      if (s < r.pV) return false;
      cut(w, s);
      const m2 = AFTER_EMENT.longest(w);
      if (m2) {
        const [s2, c2] = m2;
        if (c2 === 1) {
          if (s2 >= r.p2) {
            cut(w, s2);
            const s3 = ends(w, 'at');
            if (s3 !== null && s3 >= r.p2) cut(w, s3);
          }
        } else if (c2 === 2) {
          if (s2 >= r.p2) cut(w, s2); else if (s2 >= r.p1) replace(w, s2, 'eux');
        } else if (c2 === 3) {
          if (s2 >= r.p2) cut(w, s2);
        } else if (s2 >= r.pV) replace(w, s2, 'i');
      }
      return true;
    }
    case 7: {
      if (s < r.p2) return false;
      cut(w, s);
      const m2 = AFTER_ITE.longest(w);
      if (m2) {
        const [s2, c2] = m2;
        if (c2 === 1) { if (s2 >= r.p2) cut(w, s2); else replace(w, s2, 'abl'); }
        else if (c2 === 2) { if (s2 >= r.p2) cut(w, s2); else replace(w, s2, 'iqU'); }
        else if (s2 >= r.p2) cut(w, s2);
      }
      return true;
    }
    case 8: {
      if (s < r.p2) return false;
      cut(w, s);
      const s2 = ends(w, 'at');
      if (s2 !== null && s2 >= r.p2) { cut(w, s2); icTail(w, r); }
      return true;
    }
    case 9: replace(w, s, 'eau'); return true;
    case 10: if (s < r.p1) return false; replace(w, s, 'al'); return true;
    case 11: if (s < 1 || !OUX_ENDING.has(w[s - 1])) return false; replace(w, s, 'ou'); return true;
    case 12:
      if (s >= r.p2) cut(w, s);
      else if (s >= r.p1) replace(w, s, 'eux');
      else return false;
      return true;
    case 13: if (s < r.p1 || s < 1 || isVowel(w[s - 1])) return false; cut(w, s); return true;
    case 14: if (s >= r.pV) replace(w, s, 'ant'); return false;
    case 15: if (s >= r.pV) replace(w, s, 'ent'); return false;
    default: if (s >= 1 && isVowel(w[s - 1]) && s - 1 >= r.pV) cut(w, s); return false;
  }
}

function iVerbSuffix(w, r) {
  if (w.length < r.pV) return false;
  const m = I_VERB.longest(w, r.pV);
  if (!m) return false;
  const s = m[0];
  if (s - 1 < r.pV || w[s - 1] === C.H || isVowel(w[s - 1])) return false;
  cut(w, s);
  return true;
}

function verbSuffix(w, r) {
  if (w.length < r.pV) return false;
  const m = VERB.longest(w, r.pV);
  if (!m) return false;
  const [s, code] = m;
  if (code === 1) {
    if (s < r.p2) return false;
    cut(w, s);
  } else if (code === 2) cut(w, s);
  else if (code === 3) {
    if (s - 1 >= r.pV && w[s - 1] === C.e) cut(w, s - 1); else cut(w, s);
  } else {
    const b = BEFORE_AIS.longest(w, 0, s);
    if (b && (b[1] === 2 || b[0] === 1)) return false;
    cut(w, s);
  }
  return true;
}

function residualSuffix(w, r) {
  const n = w.length;
  if (n >= 2 && w[n - 1] === C.s) {
    if ((n >= 3 && w[n - 3] === C.H && w[n - 2] === C.i) || !KEEP_WITH_S.has(w[n - 2])) w.length = n - 1;
  }
  if (w.length < r.pV) return;
  const m = RESIDUAL.longest(w, r.pV);
  if (!m) return;
  const [s, code] = m;
  if (code === 1) {
    if (s >= r.p2 && s - 1 >= r.pV && (w[s - 1] === C.s || w[s - 1] === C.t)) cut(w, s);
  } else if (code === 2) replace(w, s, 'i');
  else cut(w, s);
}

function unAccent(w) {
  let j = w.length - 1;
  while (j >= 0 && !isVowel(w[j])) j--;
  if (j < w.length - 1 && j >= 0 && (w[j] === C.eAcute || w[j] === C.eGrave)) w[j] = C.e;
}

function postlude(w) {
  const out = [];
  for (let k = 0; k < w.length; k++) {
    const c = w[k];
    if (c === C.I) out.push(C.i);
    else if (c === C.U) out.push(C.u);
    else if (c === C.Y) out.push(C.y);
    else if (c === C.H) {
      if (k + 1 < w.length && w[k + 1] === C.e) { out.push(C.eDiaeresis); k++; }
      else if (k + 1 < w.length && w[k + 1] === C.i) { out.push(C.iDiaeresis); k++; }
    } else out.push(c);
  }
  return out;
}

/** Stems one lower-case word given as an array of code points. */
export function stemFrenchCodePoints(input) {
  let w = input.slice();
  if (w.length > 2 && ELISION_CHARS.has(w[0]) && w[1] === C.apostrophe) w = w.slice(2);
  else if (w.length > 3 && w[0] === C.q && w[1] === C.u && w[2] === C.apostrophe) w = w.slice(3);
  let c = 0;
  while (c < w.length) {
    if (!preludeStep(w, c)) c++;
  }
  const r = regions(w);
  if (standardSuffix(w, r) || iVerbSuffix(w, r) || verbSuffix(w, r)) {
    const last = w[w.length - 1];
    if (last === C.Y) w[w.length - 1] = C.i;
    else if (last === C.cCedilla) w[w.length - 1] = C.c;
  } else {
    residualSuffix(w, r);
  }
  if (UNDOUBLE.longest(w)) w.length -= 1;
  unAccent(w);
  return postlude(w);
}

/** Stems one lower-case French word. */
export function stemFrench(word) {
  return String.fromCodePoint(...stemFrenchCodePoints(cps(word)));
}

export { cps, isVowel as isFrenchVowel, hasPrefix };
