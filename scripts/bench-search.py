#!/usr/bin/env python3
"""The search benchmark of issue 4, on a site built by guidesite (called by scripts/bench.sh).

guidesite's index: size of Output/search/, and per query the bytes of the index files the engine
loads and the query time, measured with the real engine under Node (Benchmarks/search/
measure-engine.mjs). Pagefind: indexes the same built site (time and peak memory of the
indexing too), then the same queries run in headless Chromium through Pagefind's own JS API
(`pagefind.search()` and `.data()` of the first 10 results), served on 127.0.0.1 by Python's
http.server with the browser cache disabled and a fresh page per query; bytes are the sizes of
the files the server sent for the query, counted server-side (Pagefind fetches its index from a
web worker, which the page's resource timing does not see). The server does not compress, and
Pagefind's index files are already gzip-compressed by Pagefind.

Prints a side-by-side table and writes JSON for bench-report.py.
"""
import argparse
import gzip
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

ONE_WORD = ["consentement", "publicité", "confidentialité", "témoignage"]
THREE_WORDS = ["consentement photo client", "publicité témoignages rabais", "secret professionnel courriel", "dossier patient sécurité"]
EXTRA = ["temoignage", "l’autorité", "art. 3.09.10", "3.09.10"]


def du(path):
    total = files = 0
    for dirpath, _dirs, names in os.walk(path):
        for n in names:
            total += os.path.getsize(os.path.join(dirpath, n))
            files += 1
    return total, files


def timed(cmd, log):
    tfile = log + ".time"
    subprocess.run(["sync"])
    with open(log, "w") as out:
        r = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tfile] + cmd, stdout=out, stderr=subprocess.STDOUT)
    wall, rss = open(tfile).read().split()[-2:]
    return r.returncode, float(wall), int(rss)


def ours(args, queries):
    index = os.path.join(args.site, "search")
    if not os.path.isdir(index) or not os.path.exists(os.path.join(index, "fr", "meta.json")):
        return {"error": f"no search index in {index} (the build does not write it yet)"}
    r = subprocess.run(["node", os.path.join(ROOT, "Benchmarks", "search", "measure-engine.mjs"), "--engine", args.engine,
                        "--index", index, "--queries", json.dumps(queries), "--runs", str(max(args.runs, 5) * 4)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return {"error": r.stderr[-2000:]}
    return json.loads(r.stdout)


PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>pagefind bench</title></head><body></body></html>"""

SCRIPT = """
const done = arguments[arguments.length - 1];
const q = arguments[0], runs = arguments[1];
(async () => {
  performance.setResourceTimingBufferSize(100000);
  performance.clearResourceTimings();
  const t0 = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({});
  await pf.init();
  const t1 = performance.now();
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  const t2 = performance.now();
  const firstEntries = performance.getEntriesByType('resource').map((e) => ({ name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize, transfer: e.transferSize }));
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    const rr = await pf.search(q);
    await Promise.all(rr.results.slice(0, 10).map((x) => x.data()));
    warm.push(performance.now() - a);
  }
  done({ count: r.results.length, top: data.slice(0, 3).map((d) => d.url), init_ms: t1 - t0, first_ms: t2 - t1, warm, entries: firstEntries });
})().catch((e) => done({ error: String(e && e.stack || e) }));
"""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pagefind(args, queries):
    serve = os.path.join(args.work, "pagefind-serve")
    bundle = os.path.join(serve, "pagefind")
    shutil.rmtree(serve, ignore_errors=True)
    os.makedirs(serve)
    code, wall, rss = timed([args.pagefind, "--site", args.site, "--output-path", bundle], os.path.join(args.work, "pagefind.log"))
    if code != 0:
        return {"error": open(os.path.join(args.work, "pagefind.log")).read()[-2000:]}
    size, files = du(bundle)
    with open(os.path.join(serve, "index.html"), "w") as f:
        f.write(PAGE)
    out = {"index_seconds": wall, "index_peak_rss_kib": rss, "index_bytes": size, "index_files": files, "queries": []}

    # A loopback server that records every file it sends (Pagefind fetches its index from a web
    # worker, whose requests the page's resource timing does not see).
    import functools
    import http.server
    import threading
    sent = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def send_head(self):
            if "If-Modified-Since" in self.headers:  # always the whole file: nothing may come from a cache
                del self.headers["If-Modified-Since"]
            f = super().send_head()
            if f is not None and hasattr(f, "fileno"):
                sent.append((self.path, os.fstat(f.fileno()).st_size))
            return f

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=serve))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        opts = webdriver.ChromeOptions()
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
            opts.add_argument(a)
        opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for q in queries:
            # A new browser (new profile) per query: nothing cached, like a first visit.
            driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)
            driver.set_script_timeout(120)
            try:
                driver.execute_cdp_cmd("Network.enable", {})
                driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
                driver.get(f"http://127.0.0.1:{port}/index.html")
                time.sleep(0.2)
                sent.clear()
                res = driver.execute_async_script(SCRIPT, q, max(args.runs, 5) * 4)
            finally:
                driver.quit()
            if "error" in res:
                out["queries"].append({"query": q, "error": res["error"]})
                continue
            # Files of the first search (the warm repeats fetch nothing new).
            files = [(path, size) for path, size in sent if path.startswith("/pagefind/")]
            code_bytes = sum(size for path, size in files if path.split("?")[0].endswith((".js", ".wasm")) or "/wasm." in path)
            index_bytes = sum(size for _, size in files) - code_bytes
            out["queries"].append({
                "query": q, "words": len(q.split()), "shown": min(res["count"], 10), "total": res["count"], "top": res["top"],
                "files": len(files), "file_list": [path.split("/pagefind/")[-1] for path, _ in files],
                "index_bytes": index_bytes, "code_bytes": code_bytes,
                "init_ms": res["init_ms"], "cold_ms": res["first_ms"],
                "warm_ms_median": statistics.median(res["warm"]) if res["warm"] else None,
            })
    finally:
        server.shutdown()
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--site", required=True)
    p.add_argument("--engine", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--pagefind")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    queries = ONE_WORD + THREE_WORDS + EXTRA

    result = {"site": args.site, "queries": queries, "method": __doc__.strip().split("\n\n")[1].replace("\n", " ")}
    ours_data = ours(args, queries)
    result["guidesite"] = ours_data
    pf = pagefind(args, queries) if args.pagefind else None
    result["pagefind"] = pf

    def avg(entries, key, words):
        xs = [e[key] for e in entries if e.get("words") == words and e.get(key) is not None and e["query"] in ONE_WORD + THREE_WORDS]
        return statistics.mean(xs) if xs else None

    def kb(x):
        return "–" if x is None else f"{x / 1000:,.1f} kB"

    def ms(x):
        return "–" if x is None else f"{x:,.2f} ms"

    table = []
    notes = []
    g_ok = ours_data and "error" not in ours_data
    p_ok = pf and "error" not in pf
    g_size = f"{ours_data['index_bytes'] / 1e6:,.1f} MB ({ours_data['index_files']} files)" if g_ok else ours_data.get("error", "–")
    p_size = f"{pf['index_bytes'] / 1e6:,.1f} MB ({pf['index_files']} files)" if p_ok else (pf or {}).get("error", "not run")[:200] if pf is not None else "not run"
    table.append({"measure": "index size on disk", "guidesite": g_size, "pagefind": p_size})
    if p_ok:
        table.append({"measure": "indexing (separate step)", "guidesite": "inside the build",
                      "pagefind": f"{pf['index_seconds']:.1f} s, peak {pf['index_peak_rss_kib'] / 1024:,.0f} MiB"})
    for words, label in ((1, "one-word query"), (3, "three-word query")):
        gq = ours_data.get("queries", []) if g_ok else []
        pq = pf.get("queries", []) if p_ok else []
        g_raw, g_gz = avg(gq, "bytes", words), avg(gq, "gzip_bytes", words)
        table.append({"measure": f"{label}: index bytes downloaded (mean)",
                      "guidesite": f"{kb(g_raw)} raw, {kb(g_gz)} gzip" if g_ok else "–",
                      "pagefind": f"{kb(avg(pq, 'index_bytes', words))} (pre-compressed)" if p_ok else "–"})
        table.append({"measure": f"{label}: files fetched (mean)",
                      "guidesite": f"{avg(gq, 'files', words):.1f}" if g_ok else "–",
                      "pagefind": f"{avg(pq, 'files', words):.1f}" if p_ok else "–"})
        table.append({"measure": f"{label}: first query, cold (mean)",
                      "guidesite": ms(avg(gq, "cold_ms", words)) + " (Node, files from disk)" if g_ok else "–",
                      "pagefind": ms(avg(pq, "cold_ms", words)) + " (Chromium, loopback HTTP, after init)" if p_ok else "–"})
        table.append({"measure": f"{label}: repeated query, warm (median)",
                      "guidesite": ms(avg(gq, "warm_ms_median", words)) if g_ok else "–",
                      "pagefind": ms(avg(pq, "warm_ms_median", words)) if p_ok else "–"})
    if g_ok:
        c = ours_data["code"]
        table.append({"measure": "search code downloaded once", "guidesite": f"{kb(c['bytes'])} raw, {kb(c['gzip'])} gzip (engine, analyzer, stemmer)",
                      "pagefind": (f"{kb(statistics.mean(q['code_bytes'] for q in pf['queries'] if 'code_bytes' in q))} (pagefind.js + wasm)" if p_ok and pf["queries"] else "–")})
    if p_ok:
        inits = [q["init_ms"] for q in pf["queries"] if "init_ms" in q]
        if inits:
            notes.append(f"Pagefind init (loading pagefind.js, its WebAssembly and metadata) took {statistics.median(inits):.0f} ms median before the first query; "
                         "its bytes are counted under 'code' (JS, wasm) and 'index' (entry, meta, index chunks, fragments).")
    for name, data in (("guidesite", ours_data if g_ok else None), ("pagefind", pf if p_ok else None)):
        if data:
            for q in data.get("queries", []):
                if q["query"] in EXTRA and "error" not in q:
                    notes.append(f"{name} '{q['query']}': {q.get('total')} results, top {q.get('top', [])[:2]}")
    result["table"] = table
    result["notes"] = notes
    json.dump(result, open(args.out, "w"), indent=1, ensure_ascii=False)
    for row in table:
        print(f"  {row['measure']:<45} | {row['guidesite']:<45} | {row['pagefind']}", file=sys.stderr)


if __name__ == "__main__":
    main()
