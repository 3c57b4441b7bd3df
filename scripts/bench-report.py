#!/usr/bin/env python3
"""Turns the raw measurements of scripts/bench.sh into the table of issue 8 (and issue 4).

Input: a TSV of `tool  size  run  metric  value` lines, the machine description, optionally the
search benchmark's JSON and the micro-benchmarks' text output. Output: the table on standard
output, and the same as JSON and Markdown files.
"""
import argparse
import json
import statistics
from collections import defaultdict

p = argparse.ArgumentParser()
p.add_argument("--raw", required=True)
p.add_argument("--machine", required=True)
p.add_argument("--search")
p.add_argument("--micro")
p.add_argument("--json", required=True)
p.add_argument("--markdown", required=True)
a = p.parse_args()

values = defaultdict(list)  # (tool, size, metric) -> [values]
for line in open(a.raw, encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 5:
        continue
    tool, size, _run, metric, value = parts
    try:
        values[(tool, int(size), metric)].append(float(value))
    except ValueError:
        pass

sizes = sorted({s for (_, s, _) in values})
machine = open(a.machine, encoding="utf-8").read().strip()


def med(tool, size, metric):
    v = values.get((tool, size, metric))
    return statistics.median(v) if v else None


def spread(tool, size, metric):
    v = values.get((tool, size, metric))
    return (min(v), max(v), len(v)) if v else None


def fmt(x, digits=2, unit=""):
    if x is None:
        return "–"
    if isinstance(x, float) and digits == 0:
        return f"{x:,.0f}{unit}"
    return f"{x:,.{digits}f}{unit}"


def mb(x):
    return None if x is None else x / 1e6


def mib_from_kib(x):
    return None if x is None else x / 1024


report = {"machine": machine, "sizes": {}, "ratios": {}, "targets": [], "search": None}
lines = []
md = ["# guidesite benchmark (preliminary)", "", "```", machine, "```", ""]

tools = [
    ("guidesite", "guidesite build (full, fresh folder)"),
    ("guidesite-edit-article", "guidesite rebuild after editing one article (a sentence at its end)"),
    ("guidesite-edit-top", "guidesite rebuild after editing one article at its top (its citations move)"),
    ("guidesite-add-article", "guidesite rebuild after adding one article"),
    ("guidesite-edit-code", "guidesite rebuild after editing one code article"),
    ("guidesite-unchanged", "guidesite rebuild, nothing changed"),
    ("guidesite-serve-edit", "guidesite serve: rebuild after editing one article (as the server reports it)"),
    ("guidesite-serve-seen", "guidesite serve: from saving one article to its page served with the edit"),
    ("hugo", "Hugo build (no search, fresh folder)"),
    ("cmark-1core", "cmark over all article Markdown, 1 core"),
    ("cmark-2core", "cmark over all article Markdown, 2 cores"),
]

header = ["what", "time s (median)", "min–max (runs)", "CPU s", "HTML pages", "pages/s", "peak RSS MiB", "output MB", "search index MB (files)"]
for size in sizes:
    corpus_mb = mb(med("corpus", size, "markdown_bytes"))
    title = f"{size:,} articles ({fmt(corpus_mb, 1)} MB of article Markdown, 754 code articles, 10 recommendations)"
    lines.append("")
    lines.append(title)
    md += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    rows = {}
    for tool, label in tools:
        t = med(tool, size, "seconds")
        if t is None:
            continue
        s = spread(tool, size, "seconds")
        pages = med(tool, size, "html_pages") if tool in ("guidesite", "hugo") else None
        row = {
            "seconds": t, "min": s[0], "max": s[1], "runs": s[2],
            "cpu_seconds": med(tool, size, "cpu_seconds"),
            "html_pages": pages,
            "pages_per_second": (pages / t) if pages and t else None,
            "peak_rss_mib": mib_from_kib(med(tool, size, "peak_rss_kib")),
            "output_mb": mb(med(tool, size, "output_bytes")) if tool in ("guidesite", "hugo") else None,
            "search_mb": mb(med(tool, size, "search_bytes")),
            "search_files": med(tool, size, "search_files"),
        }
        rows[tool] = row
        search = "–"
        if row["search_mb"] is not None:
            search = f"{fmt(row['search_mb'], 1)} ({fmt(row['search_files'], 0)})"
        elif tool == "guidesite":
            search = "not written yet"
        cells = [label, fmt(t, 2), f"{fmt(s[0], 2)}–{fmt(s[1], 2)} ({s[2]})", fmt(row["cpu_seconds"], 1),
                 fmt(pages, 0), fmt(row["pages_per_second"], 0), fmt(row["peak_rss_mib"], 0),
                 fmt(row["output_mb"], 1), search]
        md.append("| " + " | ".join(cells) + " |")
        lines.append("  " + f"{label:<52} {fmt(t, 2):>8} s  [{fmt(s[0], 2)}–{fmt(s[1], 2)}, n={s[2]}]"
                     + (f"  {fmt(row['pages_per_second'], 0)} pages/s ({fmt(pages, 0)})" if pages else "")
                     + (f"  peak {fmt(row['peak_rss_mib'], 0)} MiB" if row["peak_rss_mib"] and not tool.startswith("cmark") else "")
                     + (f"  out {fmt(row['output_mb'], 1)} MB" if row["output_mb"] else "")
                     + (f"  search {search} MB" if tool == "guidesite" else ""))
    report["sizes"][str(size)] = {"markdown_mb": corpus_mb, "tools": rows}
    md.append("")

# Ratios and targets of issue 8.
def ratio(x, y):
    return x / y if x is not None and y else None

ratio_lines = []
targets = []
big, small = (max(sizes), min(sizes)) if sizes else (None, None)
for size in sizes:
    g, h, c2, c1 = (med(t, size, "seconds") for t in ("guidesite", "hugo", "cmark-2core", "cmark-1core"))
    r = {"guidesite_over_hugo": ratio(g, h), "guidesite_over_cmark_2core": ratio(g, c2), "guidesite_over_cmark_1core": ratio(g, c1),
         "edit_article_over_full": ratio(med("guidesite-edit-article", size, "seconds"), g),
         "edit_top_over_full": ratio(med("guidesite-edit-top", size, "seconds"), g),
         "add_article_over_full": ratio(med("guidesite-add-article", size, "seconds"), g),
         "edit_code_over_full": ratio(med("guidesite-edit-code", size, "seconds"), g)}
    gc, hc, c1c = (med(t, size, "cpu_seconds") for t in ("guidesite", "hugo", "cmark-1core"))
    r["cpu_guidesite_over_hugo"] = ratio(gc, hc)
    r["cpu_guidesite_over_cmark"] = ratio(gc, c1c)
    report["ratios"][str(size)] = r
    ratio_lines.append(f"{size:,} articles, CPU time (less sensitive to other load): guidesite/Hugo {fmt(r['cpu_guidesite_over_hugo'])}, "
                       f"guidesite/cmark {fmt(r['cpu_guidesite_over_cmark'], 1)}")
    ratio_lines.append(f"{size:,} articles: guidesite/Hugo {fmt(r['guidesite_over_hugo'])}, guidesite/cmark-2-core {fmt(r['guidesite_over_cmark_2core'], 1)}"
                       f" (1 core {fmt(r['guidesite_over_cmark_1core'], 1)}), edit-article/full {fmt(r['edit_article_over_full'])}, "
                       f"edit-top/full {fmt(r['edit_top_over_full'])}, add-article/full {fmt(r['add_article_over_full'])}, "
                       f"edit-code/full {fmt(r['edit_code_over_full'])}")
if big and small and big != small:
    for tool in ("guidesite", "hugo", "cmark-2core"):
        x = ratio(med(tool, big, "seconds"), med(tool, small, "seconds"))
        y = ratio(med(tool, big, "cpu_seconds"), med(tool, small, "cpu_seconds"))
        report["ratios"][f"{tool}_time_{big}_over_{small}"] = x
        report["ratios"][f"{tool}_cpu_{big}_over_{small}"] = y
        ratio_lines.append(f"{tool}: time({big:,}) / time({small:,}) = {fmt(x)} (CPU time: {fmt(y)})")
if big:
    g = med("guidesite", big, "seconds")
    rb = report["ratios"].get(str(big), {})
    def target(name, value, limit, ok):
        targets.append({"target": name, "value": value, "limit": limit, "met": ok})
    if rb.get("guidesite_over_hugo") is not None:
        target(f"full build ≤ 0.2 × Hugo ({big:,})", fmt(rb["guidesite_over_hugo"]), "0.2", rb["guidesite_over_hugo"] <= 0.2)
    if rb.get("guidesite_over_cmark_2core") is not None:
        target(f"full build ≤ 8 × cmark 2-core floor ({big:,})", fmt(rb["guidesite_over_cmark_2core"], 1), "8", rb["guidesite_over_cmark_2core"] <= 8)
    lin = report["ratios"].get(f"guidesite_time_{big}_over_{small}")
    if lin is not None:
        target(f"time({big:,}) ≤ 10.5 × time({small:,})", fmt(lin), "10.5", lin <= 10.5)
    rss = mib_from_kib(med("guidesite", big, "peak_rss_kib"))
    if rss is not None:
        target(f"peak memory at {big:,} < 1 GiB", f"{rss:,.0f} MiB", "1024 MiB", rss < 1024)
    # Both one-article edits count: a sentence at the end, and a paragraph at the top (which
    # moves the article's citations, and so the citation graph); the slower is the figure.
    edits = [x for x in (med("guidesite-edit-article", big, "seconds"), med("guidesite-edit-top", big, "seconds")) if x is not None]
    e = max(edits) if edits else None
    if e is not None and g:
        target(f"rebuild after one article edit < 0.3 s or 5% of full ({big:,}; the slower of the two edits)",
               f"{e:.2f} s ({100 * e / g:.0f}%)", "0.3 s / 5%", e < 0.3 or e <= 0.05 * g)
    sm = med("guidesite", big, "search_bytes")
    target("search index included in the full build", "yes" if sm else "no (not written by the build yet)", "yes", bool(sm))
report["targets"] = targets

lines.append("")
lines.append("Ratios (same run, medians):")
lines += ["  " + l for l in ratio_lines]
md += ["## Ratios (same run, medians)", ""] + ["- " + l for l in ratio_lines] + [""]
if targets:
    lines.append("")
    lines.append("Targets of issue 8:")
    md += ["## Targets of issue 8", "", "| target | value | limit | met |", "|---|---|---|---|"]
    for t in targets:
        lines.append(f"  [{'x' if t['met'] else ' '}] {t['target']}: {t['value']} (limit {t['limit']})")
        md.append(f"| {t['target']} | {t['value']} | {t['limit']} | {'yes' if t['met'] else 'no'} |")
    md.append("")

if a.search:
    try:
        s = json.load(open(a.search, encoding="utf-8"))
        report["search"] = s
        lines.append("")
        lines.append("Search (issue 4), " + s.get("site", ""))
        md += ["## Search (issue 4)", "", s.get("method", ""), ""]
        rows = s.get("table", [])
        if rows:
            head = list(rows[0].keys())
            md += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            for r in rows:
                md.append("| " + " | ".join(str(r[k]) for k in head) + " |")
                lines.append("  " + " | ".join(f"{k}: {r[k]}" for k in head))
        for note in s.get("notes", []):
            lines.append("  note: " + note)
            md.append("")
            md.append("- " + note)
        md.append("")
    except Exception as e:  # keep the build table even if the search part failed
        lines.append(f"(search results unreadable: {e})")

if a.micro:
    md += ["## Micro-benchmarks (ordo-one/benchmark)", "", "```", open(a.micro, encoding="utf-8", errors="replace").read()[-20000:], "```", ""]

md += ["Figures from a shared 2-core machine with other work running: preliminary, ±25% between runs.", ""]
print("\n".join(lines))
json.dump(report, open(a.json, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
open(a.markdown, "w", encoding="utf-8").write("\n".join(md))
