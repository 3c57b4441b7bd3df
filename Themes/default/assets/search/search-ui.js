// The search page of guidesite: progressive enhancement of
//   <div id="search-app" data-root="../" data-language="fr">
//     <form class="site-search" role="search" action="…" method="get">…<input name="q" type="search"></form>
//     <div id="search-filters"></div>
//     <p id="search-status" role="status" aria-live="polite"></p>
//     <ol id="search-results"></ol>
//   </div>
// Loaded with <script type="module" src="…/search-ui.js">. Builds every node
// with DOM APIs and textContent: nothing from the index is parsed as HTML.

import { createSearchEngine } from './engine.js';

const TEXT = {
  fr: {
    kinds: { article: 'Articles', recommendation: 'Recommandations', provision: 'Dispositions', code: 'Codes', page: 'Pages' },
    kind: { article: 'Article', recommendation: 'Recommandation', provision: 'Disposition', code: 'Code', page: 'Page' },
    kindLegend: 'Type de contenu',
    professionLegend: 'Profession',
    loading: 'Chargement de l’index de recherche…',
    prompt: 'Tapez un ou plusieurs mots, ou un numéro d’article comme 3.09.10.',
    count: (n, q) => (n === 1 ? `1 résultat pour « ${q} »` : `${n.toLocaleString('fr-CA')} résultats pour « ${q} »`),
    shown: (n) => ` (${n} premiers affichés)`,
    none: (q) => `Aucun résultat pour « ${q} ». Vérifiez l’orthographe, essayez un mot plus général, un numéro d’article (par exemple 3.09.10) ou retirez des filtres.`,
    noneFiltered: ' Des filtres sont actifs.',
    elsewhere: (n, q) => `Aucun résultat en français pour « ${q} », mais ${n === 1 ? '1 résultat' : `${n.toLocaleString('fr-CA')} résultats`} en anglais :`,
    languageTag: 'en anglais',
    error: 'La recherche est indisponible : l’index n’a pas pu être chargé.',
    fileError: 'La recherche ne fonctionne pas quand le site est ouvert directement depuis le disque (file://), car le navigateur bloque la lecture de l’index. Servez le dossier du site avec un serveur web, par exemple « python3 -m http.server », puis ouvrez http://localhost:8000/.',
  },
  en: {
    kinds: { article: 'Articles', recommendation: 'Recommendations', provision: 'Provisions', code: 'Codes', page: 'Pages' },
    kind: { article: 'Article', recommendation: 'Recommendation', provision: 'Provision', code: 'Code', page: 'Page' },
    kindLegend: 'Content type',
    professionLegend: 'Profession',
    loading: 'Loading the search index…',
    prompt: 'Type one or more words, or a section number such as 3.09.10.',
    count: (n, q) => (n === 1 ? `1 result for “${q}”` : `${n.toLocaleString('en-CA')} results for “${q}”`),
    shown: (n) => ` (first ${n} shown)`,
    none: (q) => `No results for “${q}”. Check the spelling, try a more general word, a section number (for example 3.09.10) or remove filters.`,
    noneFiltered: ' Filters are active.',
    elsewhere: (n, q) => `No results in English for “${q}”, but ${n === 1 ? '1 result' : `${n.toLocaleString('en-CA')} results`} in French:`,
    languageTag: 'in French',
    error: 'Search is unavailable: the index could not be loaded.',
    fileError: 'Search does not work when the site is opened directly from disk (file://): the browser blocks reading the index. Serve the site folder with a web server, for example “python3 -m http.server”, then open http://localhost:8000/.',
  },
};

const LIMIT = 50;
const DEBOUNCE_MS = 150;

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

/** Appends text segments, the matching ones inside <mark>. */
function appendSegments(parent, segments) {
  for (const s of segments) parent.append(s.match ? el('mark', { text: s.text }) : document.createTextNode(s.text));
}

const prettify = (slug) => {
  const s = slug.replace(/[-_]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

function start(app) {
  const language = app.dataset.language === 'en' ? 'en' : 'fr';
  const t = TEXT[language];
  const root = new URL(app.dataset.root || './', document.baseURI);
  const form = app.querySelector('form');
  const input = form && form.querySelector('input[name="q"]');
  const filters = app.querySelector('#search-filters');
  const status = app.querySelector('#search-status');
  const list = app.querySelector('#search-results');
  if (!input || !status || !list) return;

  const load = async (path) => {
    const response = await fetch(new URL(`search/${path}`, root));
    if (!response.ok) throw new Error(`${response.status} ${path}`);
    return response.json();
  };
  const engine = createSearchEngine({ load, language });
  // The reader's language first; when it has nothing, the other language's index (if the site has one).
  const otherLanguage = language === 'fr' ? 'en' : 'fr';
  const otherEngine = createSearchEngine({ load, language: otherLanguage });
  const params = new URLSearchParams(location.search);
  const selected = { kinds: new Set(params.getAll('type')), professions: new Set(params.getAll('profession')) };
  let sequence = 0;
  let timer = 0;

  const fail = () => {
    status.textContent = location.protocol === 'file:' ? t.fileError : t.error;
  };

  function updateURL(q) {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    for (const k of selected.kinds) p.append('type', k);
    for (const k of selected.professions) p.append('profession', k);
    const search = p.toString();
    history.replaceState(null, '', search ? `?${search}` : location.pathname);
  }

  function render(results, q, elsewhere = null) {
    list.replaceChildren();
    const shown = elsewhere ?? results;
    for (const r of shown) {
      const link = el('a', { href: new URL(r.url, root).href, class: 'search-result-link' });
      const title = el('span', { class: 'search-result-title' });
      appendSegments(title, slice(r.titleSegments, 0, r.title.length));
      link.append(title);
      if (r.section) {
        const section = el('span', { class: 'search-result-section' });
        appendSegments(section, slice(r.titleSegments, r.title.length + 3, Infinity));
        link.append(section);
      }
      const meta = el('span', { class: `search-result-kind search-kind-${r.kind}`, text: t.kind[r.kind] ?? r.kind });
      const snippet = el('p', { class: 'search-result-snippet' });
      appendSegments(snippet, r.snippet);
      const item = el('li', { class: 'search-result' }, [link, meta, snippet]);
      if (elsewhere) {
        item.setAttribute('lang', otherLanguage);
        meta.textContent += ` (${t.languageTag})`;
      }
      list.append(item);
    }
    if (elsewhere) {
      status.textContent = t.elsewhere(elsewhere.total, q);
      return;
    }
    const filtered = selected.kinds.size > 0 || selected.professions.size > 0;
    if (results.length === 0) status.textContent = t.none(q) + (filtered ? t.noneFiltered : '');
    else status.textContent = t.count(results.total, q) + (results.total > results.length ? t.shown(results.length) : '');
  }

  /** The part [from, to) of a list of segments ("Title — Section" → title or section). */
  function slice(segments, from, to) {
    const out = [];
    let pos = 0;
    for (const seg of segments) {
      const end = pos + seg.text.length;
      const a = Math.max(from, pos);
      const b = Math.min(to, end);
      if (b > a) out.push({ text: seg.text.slice(a - pos, b - pos), match: seg.match });
      pos = end;
    }
    return out;
  }

  async function run() {
    const q = input.value.trim();
    const mine = ++sequence;
    updateURL(q);
    if (!q) {
      list.replaceChildren();
      status.textContent = t.prompt;
      return;
    }
    try {
      const results = await engine.search(q, { kinds: [...selected.kinds], professions: [...selected.professions], limit: LIMIT });
      let elsewhere = null;
      if (results.length === 0 && selected.professions.size === 0) {
        // Professions are named per language, so that filter does not carry over.
        elsewhere = await otherEngine.search(q, { kinds: [...selected.kinds], limit: LIMIT }).catch(() => null);
        if (elsewhere && elsewhere.length === 0) elsewhere = null;
      }
      if (mine === sequence) render(results, q, elsewhere);
    } catch (e) {
      if (mine === sequence) fail();
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function buildFilters(meta) {
    if (!filters) return;
    const group = (legend, name, values, labelOf, set) => {
      if (values.length < 2) return null;
      const fieldset = el('fieldset', { class: `search-filter search-filter-${name}` }, [el('legend', { text: legend })]);
      for (const v of values) {
        const id = `search-filter-${name}-${v}`.replace(/[^A-Za-z0-9_-]/g, '_');
        const box = el('input', { type: 'checkbox', id, name, value: v });
        box.checked = set.has(v);
        box.addEventListener('change', () => {
          if (box.checked) set.add(v); else set.delete(v);
          run();
        });
        fieldset.append(el('span', { class: 'search-filter-option' }, [box, el('label', { for: id, text: labelOf(v) })]));
      }
      return fieldset;
    };
    const parts = [
      group(t.kindLegend, 'type', meta.kinds, (k) => t.kinds[k] ?? k, selected.kinds),
      group(t.professionLegend, 'profession', meta.professions, prettify, selected.professions),
    ].filter(Boolean);
    filters.replaceChildren(...parts);
  }

  // Keyboard: ↓ from the field to the results, ↑/↓ between results, Escape back.
  const links = () => [...list.querySelectorAll('a.search-result-link')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      const first = links()[0];
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const k = all.indexOf(document.activeElement);
    if (k < 0) return;
    if (e.key === 'ArrowDown' && k + 1 < all.length) { e.preventDefault(); all[k + 1].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (k > 0 ? all[k - 1] : input).focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener('input', schedule);

  input.value = params.get('q') ?? '';
  status.textContent = input.value ? t.loading : t.prompt;
  engine.meta().then((meta) => { buildFilters(meta); return run(); }, fail);
}

const app = typeof document !== 'undefined' && document.getElementById('search-app');
if (app) start(app);
