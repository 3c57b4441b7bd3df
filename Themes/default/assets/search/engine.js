// guidesite's in-browser search engine over the static index written by
// SearchIndexWriter (format version 1, see docs/search-index.md).
// Dependency-free ES module; runs unchanged in browsers and in Node 20.
//
//   const engine = createSearchEngine({ load, language: 'fr' });
//   const results = await engine.search('consentement', { kinds, professions, limit });
//
// `load(path)` returns a Promise of the parsed JSON of an index file, the path
// being relative to the index root (e.g. "fr/meta.json").

import { Analyzer, fold } from './analyzer.js';

export const FORMAT_VERSION = 1;

const EXACT = 1;
const PREFIX = 0.7;
const FUZZY = 0.5;
const MAX_EXPANSIONS = 40;
/** Words that only introduce a provision number ("art. 3.09.10"): ignored before a number. */
const CITATION_MARKERS = new Set(['art', 'arts', 'article', 'articles', 'al', 'alinea', 'par', 'paragraphe', 'para',
  's', 'ss', 'sec', 'section', 'sections', 'r', 'reg', 'regl', 'reglement', 'no', 'n', 'numero']);

/** True when `a` and `b` are at most one edit apart (insert, delete, substitute, swap). */
export function withinOneEdit(a, b) {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (i === la || i === lb) return true; // differ only by a trailing character (or equal)
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Creates an engine reading the index of `language` through `load`. */
export function createSearchEngine({ load, language = 'fr' }) {
  const dir = `${language}/`;
  const analyzer = new Analyzer(language);
  const files = new Map();
  const get = (name) => {
    let p = files.get(name);
    if (!p) {
      p = Promise.resolve(load(dir + name));
      files.set(name, p);
      p.catch(() => files.delete(name));
    }
    return p;
  };
  let metaPromise = null;
  const meta = () => {
    if (!metaPromise) {
      metaPromise = get('meta.json').then((m) => {
        if (!m || m.version !== FORMAT_VERSION) throw new Error(`unsupported search index version ${m && m.version}`);
        return m;
      });
      metaPromise.catch(() => { metaPromise = null; });
    }
    return metaPromise;
  };

  /** Index of the term shard that may hold `term`. */
  const shardOf = (m, term) => {
    const starts = m.termShards;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  /** Indexes of the shards holding terms in [from, to]. */
  const shardRange = (m, from, to) => {
    const out = [];
    for (let k = shardOf(m, from); k < m.termShards.length && (k === shardOf(m, from) || m.termShards[k] <= to); k++) out.push(k);
    return out;
  };
  const termShard = (k) => get(`terms-${k}.json`).then((f) => f.terms);

  /** Decoded postings of a term: Map(doc → score). */
  const decoded = new Map();
  const postingsOf = (shard, term) => {
    const key = term;
    let map = decoded.get(key);
    if (map) return map;
    // Two typed arrays: documents (ascending) and their integer scores.
    const list = shard[term] ?? [];
    const docs = new Int32Array(list.length >> 1);
    const scores = new Int32Array(list.length >> 1);
    let doc = 0;
    for (let k = 0, i = 0; k + 1 < list.length; k += 2, i++) {
      doc += list[k];
      docs[i] = doc;
      scores[i] = list[k + 1];
    }
    map = { docs, scores };
    decoded.set(key, map);
    return map;
  };

  /** Parses the query into word groups. */
  function parse(query) {
    const text = query.normalize('NFC');
    const words = analyzer.words(text);
    const endsInWord = words.length > 0 && words[words.length - 1].end === text.length;
    const groups = [];
    words.forEach((w, k) => {
      const last = k === words.length - 1;
      if (!last && CITATION_MARKERS.has(fold(w.word)) && /\d/.test(words[k + 1].word)) return;
      const prefix = last && endsInWord;
      const raw = fold(w.word);
      if (!w.terms) {
        if (prefix && raw.length >= 3) groups.push({ raw, exact: [], prefix, fuzzy: false });
        return;
      }
      const exact = w.terms[1] ? [w.terms[0], w.terms[1]] : [w.terms[0]];
      const isNumber = /\d/.test(raw);
      groups.push({ raw, exact, prefix, fuzzy: !isNumber && Array.from(raw).length >= 5 });
    });
    return groups;
  }

  /** Candidate terms of a group: Map(term → weight), with their shards loaded. */
  async function candidates(m, g) {
    const out = new Map();
    const shards = new Map();
    const need = new Set();
    for (const t of g.exact) need.add(shardOf(m, t));
    if (g.prefix) {
      for (const p of new Set([g.raw, ...g.exact])) for (const k of shardRange(m, p, p + '\uffff')) need.add(k);
      for (const k of shardRange(m, g.raw.slice(0, 4), g.raw)) need.add(k);
    }
    await Promise.all([...need].map(async (k) => shards.set(k, await termShard(k))));
    const has = (t) => { const s = shards.get(shardOf(m, t)); return s && Object.prototype.hasOwnProperty.call(s, t); };
    for (const t of g.exact) if (has(t)) out.set(t, EXACT);
    if (g.prefix) {
      const expansions = [];
      for (const shard of shards.values()) {
        for (const t of Object.keys(shard)) {
          if (out.has(t)) continue;
          const starts = t.startsWith(g.raw) || g.exact.some((e) => t.startsWith(e));
          const stemOfTyped = t.length >= 4 && g.raw.startsWith(t) && g.raw.length - t.length <= 3;
          if (starts || stemOfTyped) expansions.push(t);
        }
      }
      expansions.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
      for (const t of expansions.slice(0, MAX_EXPANSIONS)) out.set(t, PREFIX);
    }
    if (out.size === 0 && g.fuzzy) {
      // One typo: look in the shards of the word, of the word without its
      // first letter and with its first two letters swapped.
      const base = g.exact[0];
      const probes = [base, base.slice(1), base[1] + base[0] + base.slice(2)];
      const fuzzyShards = new Set(probes.map((p) => shardOf(m, p)));
      await Promise.all([...fuzzyShards].map(async (k) => { if (!shards.has(k)) shards.set(k, await termShard(k)); }));
      for (const k of fuzzyShards) {
        for (const t of Object.keys(shards.get(k))) {
          if (g.exact.some((e) => withinOneEdit(e, t)) || (g.prefix && t.length >= 4 && withinOneEdit(g.raw.slice(0, t.length), t))) out.set(t, FUZZY);
        }
      }
    }
    const result = new Map();
    for (const [t, w] of out) result.set(t, { weight: w, postings: postingsOf(shards.get(shardOf(m, t)), t) });
    return result;
  }

  let facetsPromise = null;
  const facets = () => (facetsPromise ??= get('facets.json'));

  /** Full query: { results, total }. */
  async function query(text, { kinds, professions, limit = 20 } = {}) {
    const m = await meta();
    const groups = parse(String(text ?? ''));
    if (groups.length === 0 || m.documentCount === 0) return { results: [], total: 0 };
    const expanded = await Promise.all(groups.map((g) => candidates(m, g)));
    // Per group and document: the best weighted score among the group's terms; then, per
    // document, the sum over groups and how many groups matched. Typed arrays indexed by
    // document number: no Map on the hot path.
    const n = m.documentCount;
    const totals = new Float64Array(n);
    const matched = new Uint8Array(n);
    const touched = [];
    const best = new Float64Array(n);
    for (const cands of expanded) {
      const inGroup = [];
      for (const { weight, postings } of cands.values()) {
        const { docs: ds, scores } = postings;
        for (let i = 0; i < ds.length; i++) {
          const d = ds[i];
          const s = weight * scores[i];
          if (best[d] === 0) inGroup.push(d);
          if (s > best[d]) best[d] = s;
        }
      }
      for (const d of inGroup) {
        if (matched[d] === 0) touched.push(d);
        totals[d] += best[d];
        matched[d] += 1;
        best[d] = 0;
      }
    }
    let docs = touched;
    const all = docs.filter((d) => matched[d] === groups.length);
    if (all.length > 0) docs = all; // every word matches; otherwise rank partial matches
    const kindSet = kinds && kinds.length ? new Set(kinds) : null;
    const professionSet = professions && professions.length ? new Set(professions) : null;
    if (kindSet || professionSet) {
      const f = await facets();
      docs = docs.filter((d) => {
        if (kindSet && !kindSet.has(m.kinds[f.kinds[d]])) return false;
        if (professionSet && !f.professions[d].some((p) => professionSet.has(m.professions[p]))) return false;
        return true;
      });
    }
    const score = (d) => totals[d] * (matched[d] / groups.length) ** 2;
    // The best `limit` documents (score, then document number), without sorting them all.
    const better = (a, b) => score(a) > score(b) || (score(a) === score(b) && a < b);
    const top = [];
    for (const d of docs) {
      if (top.length === limit && !better(d, top[top.length - 1])) continue;
      let k = top.length < limit ? top.length : limit - 1;
      while (k > 0 && better(d, top[k - 1])) { top[k] = top[k - 1]; k--; }
      top[k] = d;
    }
    const highlight = new Set();
    for (const cands of expanded) for (const t of cands.keys()) highlight.add(t);
    const results = await Promise.all(top.map(async (d) => {
      const shard = await get(`docs-${Math.floor(d / m.docShardSize)}.json`);
      const doc = shard.docs[d % m.docShardSize];
      return {
        url: doc.u,
        title: doc.t,
        section: doc.s ?? null,
        kind: doc.k,
        date: doc.d ?? null,
        professions: doc.p ?? [],
        score: Math.round(score(d)) / 100,
        titleSegments: segments(doc.s ? `${doc.t} — ${doc.s}` : doc.t, highlight, Infinity),
        snippet: segments(doc.x, highlight, 200),
      };
    }));
    return { results, total: docs.length };
  }

  /** Text cut into [{ text, match }] around the best window of `width` characters. */
  function segments(text, highlight, width) {
    const words = analyzer.words(text).filter((w) => w.terms && (highlight.has(w.terms[0]) || (w.terms[1] && highlight.has(w.terms[1]))));
    let from = 0;
    let to = text.length;
    if (text.length > width) {
      let bestStart = 0;
      let bestCount = -1;
      for (let k = 0; k < words.length; k++) {
        let c = 0;
        while (k + c < words.length && words[k + c].end - words[k].start <= width) c++;
        if (c > bestCount) { bestCount = c; bestStart = words[k].start; }
      }
      from = Math.max(0, bestStart - Math.floor(width / 4));
      if (from > 0) { const sp = text.indexOf(' ', from); if (sp >= 0 && sp < bestStart) from = sp + 1; }
      to = Math.min(text.length, from + width);
      if (to < text.length) { const sp = text.lastIndexOf(' ', to); if (sp > from) to = sp; }
    }
    const out = [];
    const push = (t, match) => { if (t) out.push({ text: t, match }); };
    if (from > 0) push('… ', false);
    let pos = from;
    for (const w of words) {
      if (w.start < from || w.end > to) continue;
      push(text.slice(pos, w.start), false);
      push(text.slice(w.start, w.end), true);
      pos = w.end;
    }
    push(text.slice(pos, to), false);
    if (to < text.length && !text.slice(0, to).endsWith('…')) push(' …', false);
    return out;
  }

  return {
    language,
    /** Loads the index metadata (kinds and professions for the filters). */
    meta,
    query,
    /** Ranked results; the array also carries `total`, the number of matching documents. */
    async search(text, options = {}) {
      const { results, total } = await query(text, options);
      return Object.assign(results, { total });
    },
  };
}
