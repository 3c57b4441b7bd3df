import Foundation

/// The Hugo version of the portal, for the build-time comparison.
///
/// Same articles (the very same files: Hugo reads the front matter, ignores `code` and `updated`
/// as unknown parameters, and takes `tags` and `professions` as taxonomies), codes and
/// recommendations as ordinary pages, and a small theme whose pages carry what guidesite's do:
/// navigation, breadcrumbs, a table of contents, tags, professions, previous and next links,
/// and list pages with every article (no pagination, like guidesite). Citations and explicit
/// `code:` links are not resolved: Hugo renders them as text and plain links.
enum HugoSite {
    static func writeSkeleton(to root: URL, codes: [CodeSpec], recommendations: [(String, String)]) throws {
        let fm = FileManager.default
        for sub in ["content/articles", "content/recommandations", "content/codes", "layouts/_default", "layouts/partials", "static/css"] {
            try fm.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        func put(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        try put("hugo.toml", config)
        for (name, text) in layouts { try put("layouts/" + name, text) }
        try put("static/css/site.css", css)
        try put("content/_index.md", "---\ntitle: \"Portail d'essai : déontologie et pratique numérique\"\n---\n")
        try put("content/articles/_index.md", "---\ntitle: \"Articles\"\n---\n")
        try put("content/recommandations/_index.md", "---\ntitle: \"Recommandations\"\n---\n")
        try put("content/codes/_index.md", "---\ntitle: \"Codes de déontologie\"\n---\n")
        for (file, yaml) in recommendations {
            // Turn the YAML into a page: title, summary, body, do and don't lists.
            let number = Int(file.prefix(2)) ?? 0
            var title = "", summary = "", body: [String] = [], dos: [String] = [], donts: [String] = []
            var field = ""
            for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("title: ") { title = unquote(line.dropFirst(7)) }
                else if line.hasPrefix("summary: ") { summary = unquote(line.dropFirst(9)) }
                else if line.hasPrefix("body: ") { field = "body" }
                else if line.hasPrefix("do:") { field = "do" }
                else if line.hasPrefix("dont:") { field = "dont" }
                else if line.hasPrefix("codes:") { field = "codes" }
                else if field == "body" { body.append(String(line.dropFirst(2))) }
                else if field == "do", line.hasPrefix("  - ") { dos.append(unquote(line.dropFirst(4))) }
                else if field == "dont", line.hasPrefix("  - ") { donts.append(unquote(line.dropFirst(4))) }
            }
            var page = "---\ntitle: \(yamlString("Recommandation \(number) : \(title)"))\nsummary: \(yamlString(summary))\nweight: \(number)\n---\n\n"
            page += body.joined(separator: "\n") + "\n\n## À faire\n\n" + dos.map { "- \($0)\n" }.joined()
            page += "\n## À éviter\n\n" + donts.map { "- \($0)\n" }.joined()
            try put("content/recommandations/\(number).md", page)
        }
        for code in codes {
            var index = "---\ntitle: \(yamlString(code.title))\nsummary: \(yamlString(code.citation))\n---\n\n"
            for s in code.sections { index += "- \(code.sectionWord.capitalized) \(s.number) : \(s.title)\n" }
            try put("content/codes/\(code.id)/_index.md", index)
            for (i, a) in code.articles.enumerated() {
                let page = "---\ntitle: \(yamlString("\(code.word.capitalized) \(a.number) — \(a.title)"))\nweight: \(i + 1)\nprofessions: [\(yamlString(code.profession))]\n---\n\n"
                    + a.text + "\n"
                try put("content/codes/\(code.id)/\(a.number.replacingOccurrences(of: ".", with: "-")).md", page)
            }
        }
    }

    static func unquote(_ s: Substring) -> String {
        var t = String(s)
        if t.hasPrefix("\"") && t.hasSuffix("\"") && t.count >= 2 { t = String(t.dropFirst().dropLast()) }
        return t.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }

    static let config = """
    baseURL = "https://bench.example.org/"
    languageCode = "fr-ca"
    defaultContentLanguage = "fr"
    title = "Portail d'essai : déontologie et pratique numérique"
    enableRobotsTXT = false

    [taxonomies]
      tag = "tags"
      profession = "professions"

    [markup.goldmark.renderer]
      unsafe = false
    [markup.tableOfContents]
      startLevel = 2
      endLevel = 3

    [[menus.main]]
      name = "Recommandations"
      url = "/recommandations/"
      weight = 1
    [[menus.main]]
      name = "Articles"
      url = "/articles/"
      weight = 2
    [[menus.main]]
      name = "Codes de déontologie"
      url = "/codes/"
      weight = 3

    """

    static let layouts: [(String, String)] = [
        ("_default/baseof.html", """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
        <meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Site.Title }}{{ end }}">
        <link rel="canonical" href="{{ .Permalink }}">
        <link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
        </head>
        <body>
        <a class="skip" href="#contenu">Aller au contenu</a>
        <header class="site-header">
          <a class="brand" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
          <nav aria-label="Navigation principale"><ul>{{ range .Site.Menus.main }}<li><a href="{{ .URL | relURL }}">{{ .Name }}</a></li>{{ end }}</ul></nav>
          <form role="search" action="{{ "recherche/" | relURL }}"><label>Rechercher <input type="search" name="q"></label></form>
        </header>
        {{ partial "breadcrumbs.html" . }}
        <main id="contenu">{{ block "main" . }}{{ end }}</main>
        <footer class="site-footer"><p>Portail d'essai généré pour les mesures de performance.</p></footer>
        </body>
        </html>
        """),
        ("partials/breadcrumbs.html", """
        {{ if not .IsHome }}<nav class="breadcrumbs" aria-label="Fil d'Ariane"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li aria-current="page">{{ .Title }}</li></ol></nav>{{ end }}
        """),
        ("partials/card.html", """
        <li class="card"><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
        <p>{{ .Params.summary }}</p>{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}</li>
        """),
        ("_default/single.html", """
        {{ define "main" }}
        <article>
          <h1>{{ .Title }}</h1>
          <p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
          {{ with .Params.updated }} · mis à jour le {{ . }}{{ end }}</p>
          {{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
          {{ with .GetTerms "professions" }}<p>Professions : {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
          {{ if gt (len .TableOfContents) 40 }}<nav class="toc" aria-label="Sommaire">{{ .TableOfContents }}</nav>{{ end }}
          {{ .Content }}
          {{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
          <nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
          {{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
        </article>
        {{ end }}
        """),
        ("_default/list.html", """
        {{ define "main" }}
        <h1>{{ .Title }}</h1>
        {{ .Content }}
        <p>{{ len .Pages }} pages</p>
        <ul class="cards">{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</ul>
        {{ end }}
        """),
        ("_default/terms.html", """
        {{ define "main" }}
        <h1>{{ .Title }}</h1>
        <ul class="terms">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
        {{ end }}
        """),
        ("_default/term.html", """
        {{ define "main" }}
        <h1>{{ .Title }}</h1>
        <ul class="cards">{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</ul>
        {{ end }}
        """),
        ("index.html", """
        {{ define "main" }}
        <h1>{{ .Site.Title }}</h1>
        <h2>Recommandations</h2>
        <ol>{{ range (where .Site.RegularPages "Section" "recommandations").ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>
        <h2>Derniers articles</h2>
        <ul class="cards">{{ range first 6 (where .Site.RegularPages "Section" "articles") }}{{ partial "card.html" . }}{{ end }}</ul>
        <h2>Codes</h2>
        <ul>{{ range (.Site.GetPage "/codes").Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} dispositions)</li>{{ end }}</ul>
        {{ end }}
        """),
    ]

    static let css = """
    body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem; line-height: 1.5; }
    .site-header nav ul, .tags, .breadcrumbs ol { list-style: none; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
    .card { margin: 1rem 0; }
    .toc { border-left: 3px solid #ccc; padding-left: 1rem; }
    table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .25rem .5rem; }

    """
}
