// guidesite — default theme script. No dependencies; requests nothing, sends nothing.
//
// Pages live in folders (`articles/slug/index.html`) and link to each other with URLs that
// end in `/`. A web server answers those with the folder's index.html; a browser that opened
// the files from disk (file://) shows a folder listing instead. So, only when the page was
// opened from disk, internal links ending in `/` (or `/` before `#` or `?`) get `index.html`
// added, and so do form actions (the header search form). Served pages are left untouched.
//
// Search cannot work from disk: browsers refuse the module script of the search page and the
// reading of its index on file://. There, this script shows the search page's static notice
// (`#search-file-notice`, hidden otherwise) and puts the query back in the field.
//
// This file is loaded as a classic deferred script (`<script defer src=…>`), not as a module:
// browsers refuse module scripts on file:// pages (no CORS for file URLs), which would defeat
// the one thing this script is for. It is written so that it also runs unchanged as a module.

(() => {
  'use strict';

  if (typeof location === 'undefined' || location.protocol !== 'file:') return;

  // A scheme (`https:`, `mailto:`…), or a protocol-relative `//host`: not a page of this site.
  const OTHER_PLACE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

  /** `../articles/#top` → `../articles/index.html#top`; null when nothing is to change. */
  function withIndex(reference) {
    if (!reference || reference.startsWith('#') || OTHER_PLACE.test(reference)) return null;
    const cut = reference.search(/[?#]/);
    const path = cut === -1 ? reference : reference.slice(0, cut);
    const rest = cut === -1 ? '' : reference.slice(cut);
    if (!path.endsWith('/')) return null;
    return `${path}index.html${rest}`;
  }

  function rewrite(element, attribute) {
    const changed = withIndex(element.getAttribute(attribute));
    if (changed !== null) element.setAttribute(attribute, changed);
  }

  function rewriteUnder(root) {
    if (root.matches?.('a[href]')) rewrite(root, 'href');
    if (root.matches?.('form[action]')) rewrite(root, 'action');
    for (const link of root.querySelectorAll('a[href]')) rewrite(link, 'href');
    for (const form of root.querySelectorAll('form[action]')) rewrite(form, 'action');
  }

  function explainSearch() {
    const notice = document.getElementById('search-file-notice');
    if (!notice) return;
    notice.hidden = false;
    const field = document.getElementById('search-q');
    const query = new URLSearchParams(location.search).get('q');
    if (field && query && !field.value) field.value = query;
  }

  function start() {
    explainSearch();
    rewriteUnder(document);
    // Links added later (search results, for instance) are rewritten as they appear.
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE) rewriteUnder(node);
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
