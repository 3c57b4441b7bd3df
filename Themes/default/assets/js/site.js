// guidesite — default theme script. No dependencies, nothing sent anywhere.
//
// Pages live in folders (`articles/slug/index.html`) and link to each other with URLs
// ending in `/`. A web server answers those with the folder's index.html; a browser
// opening the files from disk (file://) shows a folder listing instead. So, only when the
// page was opened from disk, internal links ending in `/` (or `/` before `#` or `?`) get
// `index.html` added. Served pages are left exactly as they are.

const INDEX = 'index.html';

/** The link's URL with `index.html` added to a path ending in `/`, or null if unchanged. */
export function withIndex(url) {
  if (url.protocol !== 'file:' || !url.pathname.endsWith('/')) return null;
  url.pathname += INDEX;
  return url.href;
}

/** Rewrites one link if it is an internal link to a folder. */
export function rewriteLink(link) {
  const raw = link.getAttribute('href');
  // Same-page fragments, mail and other schemes are not pages of the site.
  if (!raw || raw.startsWith('#')) return;
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^file:/i.test(raw)) return;
  let url;
  try {
    url = new URL(raw, document.baseURI);
  } catch {
    return;
  }
  const href = withIndex(url);
  if (href) link.setAttribute('href', href);
}

/** Rewrites the internal links in and under `root` (the document by default). */
export function rewriteLinks(root = document) {
  if (root.matches && root.matches('a[href]')) rewriteLink(root);
  for (const link of root.querySelectorAll('a[href]')) rewriteLink(link);
}

/** Same for forms (the header search form posts to `…/recherche/`). */
export function rewriteForms(root = document) {
  for (const form of root.querySelectorAll('form[action]')) {
    let url;
    try {
      url = new URL(form.getAttribute('action'), document.baseURI);
    } catch {
      continue;
    }
    const href = withIndex(url);
    if (href) form.setAttribute('action', href);
  }
}

if (typeof location !== 'undefined' && location.protocol === 'file:') {
  const run = () => {
    rewriteLinks();
    rewriteForms();
    // Links added later (search results) are rewritten as they appear.
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType === 1) rewriteLinks(node);
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
}
