/// The files `guidesite serve` adds under its reserved path, `/__guidesite/`.
///
/// They are external files (never inline) because every page carries a Content-Security-Policy
/// with `script-src 'self'` and `style-src 'self'`. They exist only while serving: the built
/// site never references them.
public enum PreviewAssets {
    /// The reserved path prefix; a site never has a top-level folder of that name.
    public static let prefix = "/__guidesite/"

    /// `<script>` for a served page: the generation it was served at rides in the query string.
    public static func scriptTag(generation: Int) -> String {
        "<script defer src=\"\(prefix)reload.js?g=\(generation)\"></script>"
    }

    /// `<link>` to the error panel's style sheet.
    public static let styleTag = "<link rel=\"stylesheet\" href=\"\(prefix)overlay.css\">"

    /// Long-polls `/__guidesite/events?since=<generation>` and reloads the page when a build has
    /// finished since it was served (successful or not: a failed build shows its errors).
    /// While the server is away it retries quietly, backing off to 5 s.
    public static let reloadScript = """
        // guidesite serve: reloads this page when the site is rebuilt. Never part of a built site.
        (function () {
          "use strict";
          var script = document.currentScript;
          var match = script && script.src ? /[?&]g=(\\d+)/.exec(script.src) : null;
          var generation = match ? Number(match[1]) : 0;
          var delay = 500;
          function wait() {
            fetch("\(prefix)events?since=" + generation, { cache: "no-store" })
              .then(function (response) {
                if (!response.ok) { throw new Error("HTTP " + response.status); }
                return response.json();
              })
              .then(function (state) {
                delay = 500;
                if (state.generation !== generation) { window.location.reload(); } else { wait(); }
              })
              .catch(function () {
                window.setTimeout(wait, delay);
                delay = Math.min(delay * 2, 5000);
              });
          }
          wait();
        })();

        """

    /// The error panel, drawn over the page (or alone when no build has succeeded yet).
    public static let overlayStyle = """
        /* guidesite serve: the build error panel. Never part of a built site. */
        .guidesite-errors {
          position: fixed; inset: 1rem 1rem auto 1rem; z-index: 2147483647;
          max-height: calc(100vh - 2rem); overflow: auto;
          background: #fff; color: #1b1b1b; border: 3px solid #b00020; border-radius: 6px;
          box-shadow: 0 6px 30px rgba(0, 0, 0, .35); padding: 1rem 1.25rem;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
        }
        .guidesite-errors h2 { margin: 0 0 .5rem; font-size: 1.15rem; color: #b00020; }
        .guidesite-errors p { margin: 0 0 .75rem; }
        .guidesite-errors ol { margin: 0; padding-left: 1.5rem; }
        .guidesite-errors li { margin: .35rem 0; }
        .guidesite-errors code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: #f3f3f3; padding: 0 .25rem; }
        .guidesite-errors .severity { font-weight: 700; }
        .guidesite-errors .error .severity { color: #b00020; }
        .guidesite-errors .warning .severity { color: #8a4b00; }
        .guidesite-errors .note .severity { color: #005a8a; }

        """
}
