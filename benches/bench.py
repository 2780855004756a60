#!/usr/bin/env python3
"""Herald against Hugo on the same generated multilingual campaign.

Generates a deterministic campaign of N pages x L locales (partners, stages, Fluent messages,
an RTL locale; ~750-word Markdown pages with headings, lists, a table, links and an image),
writes the equivalent Hugo site (config, layouts with a language switcher, i18n files), then
builds both several times, alternating, each into a fresh output folder, and prints the
medians and the Herald/Hugo ratios of wall time and peak memory.

    python3 benches/bench.py --pages 1000 --runs 3
    python3 benches/bench.py --pages 10000 --runs 3 --full   # also time the full build
    python3 benches/bench.py --pages 10000 --serve           # and one-page edits under serve

Needs: a release build of herald (`cargo build --release`) and `hugo` (`apt-get install hugo`).
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCALES = ["en", "fr", "es", "ar"]
STAGES = ["before-departure", "in-transit", "at-destination", "return"]
AUDIENCES = ["women", "men", "youth", "children", "persons-with-disabilities", "older-people"]
SECTIONS = ["work", "travel", "health", "help", "people", "return"]
PARTNERS = [
    ("council", "Town Council", "local-authority"),
    ("union", "Workers Union", "trade-union"),
    ("voices", "Migrant Voices", "migrants"),
    ("bridge", "Diaspora Bridge", "diaspora"),
    ("clinic", "Legal Aid Clinic", "civil-society"),
    ("radio", "Community Radio", "media"),
]
WORDS = {
    "en": "work contract wage passport visa employer recruitment fee rights union health clinic emergency "
    "hotline travel border document family return savings support safe information migrant worker".split(),
    "fr": "travail contrat salaire passeport visa employeur recrutement frais droits syndicat santé clinique "
    "urgence ligne voyage frontière document famille retour épargne soutien sûr information personne".split(),
    "es": "trabajo contrato salario pasaporte visado empleador contratación tasa derechos sindicato salud "
    "clínica emergencia línea viaje frontera documento familia regreso ahorro apoyo seguro información".split(),
    "ar": "عمل عقد أجر جواز تأشيرة صاحب توظيف رسوم حقوق نقابة صحة عيادة طوارئ خط سفر حدود وثيقة أسرة "
    "عودة مدخرات دعم آمن معلومات مهاجر".split(),
}


def sentence(rng, locale, n):
    w = WORDS[locale]
    s = " ".join(rng.choice(w) for _ in range(n))
    return s[0].upper() + s[1:] + "."


def paragraph(rng, locale, words):
    out, count = [], 0
    while count < words:
        n = rng.randint(8, 16)
        out.append(sentence(rng, locale, n))
        count += n
    return " ".join(out)


def page_path(i):
    return f"{SECTIONS[i % len(SECTIONS)]}/page-{i:05d}"


def body(rng, locale, i, n, link_style):
    """~750 words: headings, a list, a table, two links to other pages and an image."""
    other = [page_path((i * 7 + k) % n) for k in (1, 2)]
    parts = [paragraph(rng, locale, 120)]
    for h in range(3):
        parts.append(f"## {sentence(rng, locale, 4)[:-1]} {h + 1}")
        parts.append(paragraph(rng, locale, 150))
    parts.append("\n".join(f"- {sentence(rng, locale, 6)}" for _ in range(5)))
    parts.append(f"| {sentence(rng, locale, 1)[:-1]} | {sentence(rng, locale, 2)[:-1]} |\n|---|---|\n" + "\n".join(f"| {sentence(rng, locale, 2)} | {sentence(rng, locale, 5)} |" for _ in range(4)))
    links = [link_style(p) for p in other]
    parts.append(f"Read [{sentence(rng, locale, 3)[:-1]}]({links[0]}) and [{sentence(rng, locale, 3)[:-1]}]({links[1]}).")
    parts.append(f"![{sentence(rng, locale, 5)[:-1]}]({link_style('assets/picture.svg')})")
    parts.append(paragraph(rng, locale, 60))
    return "\n\n".join(parts) + "\n"


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200"><rect width="320" height="200" fill="#0b4f99"/></svg>\n'


def front(_rng, i, title, hugo=False):
    # Stages, audiences and partners belong to the page, the same in every locale (a
    # translation that changed them would be a front-matter-mismatch error).
    rng = random.Random(1_000_003 + i)
    stages = sorted(rng.sample(STAGES, rng.randint(1, 2)))
    aud = sorted(rng.sample(AUDIENCES, rng.randint(1, 3)))
    partners = sorted(rng.sample([p[0] for p in PARTNERS], 2))
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"summary: {json.dumps(title + '.', ensure_ascii=False)}",
        f"stages: [{', '.join(stages)}]",
        f"audiences: [{', '.join(aud)}]",
        f"partners: [{', '.join(partners)}]",
        "reviewed: 2026-10-01",
        "review_by: 2027-06-01",
        'sources:\n  - { title: "Labour code", url: "https://example.org/code" }',
    ]
    if hugo:
        lines.append(f'translationKey: "p{i}"')
    return lines


def generate_herald(root, n):
    rng = random.Random(42)
    (root / "content/assets").mkdir(parents=True)
    (root / "content/assets/picture.svg").write_text(SVG)
    (root / "campaign.yaml").write_text(
        "title: Benchmark campaign\nsource_locale: en\nlocales: [en, fr, es, ar]\ntheme: default\n"
        "base_url: https://example.org/bench/\naudiences: [" + ", ".join(AUDIENCES) + "]\npartners: [council]\n"
    )
    (root / "content/partners.yaml").write_text(
        "".join(f"- id: {i}\n  name: {name}\n  kind: {kind}\n  url: https://example.org/{i}\n" for i, name, kind in PARTNERS)
    )
    shutil.copytree(REPO / "themes/default", root / "themes/default", ignore=shutil.ignore_patterns("node_modules"))
    for locale in LOCALES:
        loc = root / "locales" / locale
        loc.mkdir(parents=True)
        shutil.copy(REPO / "locales" / locale / "main.ftl", loc / "main.ftl")
    # Source pages first: translations record the source version they translate.
    versions = {}
    texts = {}
    for i in range(n):
        r = random.Random(i)
        title = sentence(r, "en", 5)[:-1]
        text = "\n".join(front(r, i, title)) + "\n---\n" + body(r, "en", i, n, lambda p: f"@/{p}.md" if not p.startswith("assets") else f"@/{p}")
        texts[i] = text
    sys.path.insert(0, str(REPO / "benches"))
    try:
        import blake3  # noqa: F401

        have_blake3 = True
    except ImportError:
        have_blake3 = False
    for i, text in texts.items():
        p = root / "content/en" / f"{page_path(i)}.md"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        if have_blake3:
            import blake3

            versions[i] = blake3.blake3(text.encode()).hexdigest()[:12]
    for locale in LOCALES[1:]:
        for i in range(n):
            r = random.Random(i)
            fm = front(r, i, sentence(random.Random(i * 31 + len(locale)), locale, 5)[:-1])
            if i in versions:
                fm.append(f"translation_of: {versions[i]}")
            text = "\n".join(fm) + "\n---\n" + body(random.Random(i * 97 + len(locale)), locale, i, n, lambda p: f"@/{p}.md" if not p.startswith("assets") else f"@/{p}")
            p = root / "content" / locale / f"{page_path(i)}.md"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
    # Record message versions so the campaign has no stale-translation warnings.
    subprocess.run(
        [str(herald_bin()), "status", "--root", str(root), "--accept"]
        + [f"locales/{l}/main.ftl" for l in LOCALES[1:]]
        + [f"themes/default/locales/{l}/theme.ftl" for l in LOCALES[1:]],
        check=True,
        capture_output=True,
    )
    if not have_blake3:
        files = [str(Path("content") / l / f"{page_path(i)}.md") for l in LOCALES[1:] for i in range(n)]
        for k in range(0, len(files), 2000):
            subprocess.run([str(herald_bin()), "status", "--root", str(root), "--accept"] + files[k : k + 2000], check=True, capture_output=True)


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}" dir="{{ .Site.Language.LanguageDirection | default "ltr" }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><a href="#main">{{ i18n "skip-to-content" }}</a>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav aria-label="{{ i18n "language-switcher" }}"><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ i18n "credits-campaign" }}: Town Council</p></footer></body></html>
"""

HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>
<dl>{{ with .Params.stages }}<dt>{{ i18n "page-stages" }}</dt><dd>{{ range . }}{{ i18n (printf "stage-%s" .) }} {{ end }}</dd>{{ end }}</dl>
<div class="content">{{ .Content }}</div>
<section><h2>{{ i18n "page-sources" }}</h2><ul>{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}</ul></section>
<p>{{ i18n "page-reviewed" }} {{ .Params.reviewed }}</p>
<section><h2>{{ i18n "credits-heading" }}</h2><ul>{{ range .Params.partners }}<li>{{ . }}</li>{{ end }}</ul></section>
</article>{{ end }}
"""

HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
"""


def ftl_to_toml(text):
    """Simple messages of a Fluent file as Hugo i18n TOML (what the layouts use)."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^([a-z][a-z0-9-]*)\s*=\s*(.+)$", line)
        if m and "{" not in m.group(2):
            out.append(f'[{m.group(1)}]\nother = {json.dumps(m.group(2), ensure_ascii=False)}')
    return "\n".join(out) + "\n"


def generate_hugo(root, n):
    (root / "layouts/_default").mkdir(parents=True)
    (root / "layouts/_default/baseof.html").write_text(HUGO_BASEOF)
    (root / "layouts/_default/single.html").write_text(HUGO_SINGLE)
    (root / "layouts/_default/list.html").write_text(HUGO_LIST)
    (root / "static").mkdir()
    shutil.copy(REPO / "themes/default/static/style.css", root / "static/style.css")
    (root / "static/assets").mkdir()
    (root / "static/assets/picture.svg").write_text(SVG)
    (root / "i18n").mkdir()
    for l in LOCALES:
        text = (REPO / "themes/default/locales" / l / "theme.ftl").read_text()
        (root / "i18n" / f"{l}.toml").write_text(ftl_to_toml(text))
    names = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
    conf = ['baseURL = "https://example.org/bench/"', 'title = "Benchmark campaign"', 'defaultContentLanguage = "en"',
            'defaultContentLanguageInSubdir = true', "disableKinds = ['taxonomy', 'term', 'RSS']", "[languages]"]
    for w, l in enumerate(LOCALES):
        conf += [f"[languages.{l}]", f'languageName = "{names[l]}"', f"weight = {w + 1}", f'contentDir = "content/{l}"']
        if l == "ar":
            conf.append('languageDirection = "rtl"')
    (root / "config.toml").write_text("\n".join(conf) + "\n")

    def link(p):
        return "/bench/assets/picture.svg" if p.startswith("assets") else f'{{{{< relref "/{p}.md" >}}}}'

    for l in LOCALES:
        for i in range(n):
            if l == "en":
                r = random.Random(i)
                title = sentence(r, "en", 5)[:-1]
                fm = front(r, i, title, hugo=True)
                b = body(r, "en", i, n, link)
            else:
                r = random.Random(i)
                fm = front(r, i, sentence(random.Random(i * 31 + len(l)), l, 5)[:-1], hugo=True)
                b = body(random.Random(i * 97 + len(l)), l, i, n, link)
            p = root / "content" / l / f"{page_path(i)}.md"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text("\n".join(fm) + "\n---\n" + b)


def herald_bin():
    target = os.environ.get("CARGO_TARGET_DIR", str(REPO / "target"))
    return Path(target) / "release/herald"


def warm(root):
    """Reads every file under `root`, so that a run reads its input from memory. Virtual
    machines that reclaim cold page cache (DAMON's `kdamond` on ours) drop a corpus read a
    minute ago, and a run then waited up to 30 s on the disk for pages it read at 2 s."""
    for d, _, files in os.walk(root):
        for f in files:
            try:
                with open(os.path.join(d, f), "rb") as fh:
                    while fh.read(1 << 20):
                        pass
            except OSError:
                pass


def timed(cmd, cwd=None, inputs=None):
    """Wall seconds and peak RSS in MiB of one run, via GNU time. Each run starts after
    `sync`: otherwise it is timed while the kernel writes out the previous run's 80,000
    files (the other tool's, at 10,000 pages), which cost either tool up to a quarter. Its
    input is read just before (see `warm`), for either tool alike."""
    if inputs is not None:
        warm(inputs)
    subprocess.run(["sync"], check=False)
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout[-2000:]}\n{p.stderr[-4000:]}")
    peak_kib = int(p.stderr.strip().splitlines()[-1])
    return wall, peak_kib / 1024


def serve_edits(hroot, work, edits=5, gap=3.0):
    """Starts `herald serve`, edits one page several times and measures how long each edit
    takes to reach the page on disk (watcher, debounce and rendering included)."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(work / "serve.log", "w")
    proc = subprocess.Popen([str(herald_bin()), "serve", "--port", str(port), "--root", str(hroot)], stdout=log, stderr=log)
    try:
        deadline = time.time() + 600
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=5).read()
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    sys.exit(f"herald serve did not start: {(work / 'serve.log').read_text()[-2000:]}")
                time.sleep(0.2)
        time.sleep(1.0)
        src = hroot / "content/en" / f"{page_path(1)}.md"
        out = hroot / "output/site/en" / page_path(1) / "index.html"
        original = src.read_text()
        waits = []
        for k in range(edits):
            token = f"benchedit{k}x"
            src.write_text(original.replace("\n---\n", f"\n---\n{token}\n\n", 1))
            t0 = time.perf_counter()
            while token not in out.read_text(errors="replace"):
                if time.perf_counter() - t0 > 60:
                    sys.exit("the edit never reached the page")
                time.sleep(0.0005)
            waits.append(time.perf_counter() - t0)
            time.sleep(gap)  # let the checks that follow the writing finish
        src.write_text(original)
        reported = [float(m) for m in re.findall(r"updated \d+ pages in ([0-9.]+) ms", (work / "serve.log").read_text())]
        return statistics.median(waits), statistics.median(reported) if reported else None
    finally:
        proc.terminate()
        proc.wait()
        log.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000, help="pages per locale")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--full", action="store_true", help="also time herald's full build (print packs, bundles)")
    ap.add_argument("--keep", help="keep the generated campaigns in this folder")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: use the campaigns already there if they have the same number of pages")
    ap.add_argument("--serve", action="store_true", help="also time one-page edits under herald serve")
    ap.add_argument("--serve-only", action="store_true", help="only time the edits under serve (on a kept corpus)")
    ap.add_argument("--edit-gap", type=float, default=15.0,
                    help="seconds between edits: serve checks the whole campaign after each, and an edit made before that ends waits for it")
    args = ap.parse_args()
    if not herald_bin().exists():
        sys.exit("build herald first: cargo build --release")
    if not shutil.which("hugo"):
        sys.exit("install Hugo first: apt-get install hugo")
    if not Path("/usr/bin/time").exists():
        sys.exit("install GNU time first: apt-get install time")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="herald-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    hroot, groot = work / "herald", work / "hugo"
    marker = work / "corpus.json"
    reuse = args.reuse and marker.exists() and json.loads(marker.read_text()).get("pages") == args.pages
    for d in (hroot, groot):
        if d.exists() and not args.serve_only and not reuse:
            shutil.rmtree(d)
    if args.serve_only:
        on_disk, rendered = serve_edits(hroot, work, gap=args.edit_gap)
        print(f"serve, one-page edit: on disk after {on_disk * 1000:.0f} ms (median of 5), rendering {rendered:.1f} ms of it")
        return
    if reuse:
        print(f"using the {args.pages} pages x {len(LOCALES)} locales already in {work}")
    else:
        t0 = time.perf_counter()
        marker.unlink(missing_ok=True)
        generate_herald(hroot, args.pages)
        generate_hugo(groot, args.pages)
        marker.write_text(json.dumps({"pages": args.pages}))
        print(f"generated {args.pages} pages x {len(LOCALES)} locales in {time.perf_counter() - t0:.1f} s ({work})")
    results = {"herald": [], "hugo": [], "herald-full": []}
    outs = []
    for run in range(args.runs):
        # A fresh output folder for each run, all deleted at the end: deleting 80,000 files
        # just before a run makes ext4 slow to create the next ones (it skips inodes freed in
        # the last minutes, reading their blocks), which would time the file system's
        # recent past rather than the tool.
        out = work / f"out-{run}"
        shutil.rmtree(out, ignore_errors=True)
        outs.append(out)
        order = [("herald", [str(herald_bin()), "build", "--only", "site", "--root", str(hroot), "--out", str(out / "herald")], None, hroot),
                 ("hugo", ["hugo", "--quiet", "-d", str(out / "hugo")], groot, groot)]
        if run % 2:
            order.reverse()
        for name, cmd, cwd, inputs in order:
            results[name].append(timed(cmd, cwd, inputs))
            print(f"  run {run + 1} {name}: {results[name][-1][0]:.2f} s, {results[name][-1][1]:.0f} MiB", flush=True)
        if args.full:
            results["herald-full"].append(timed([str(herald_bin()), "build", "--root", str(hroot), "--out", str(out / "full")], inputs=hroot))
    for out in outs:
        shutil.rmtree(out, ignore_errors=True)
    med = {k: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v)) for k, v in results.items() if v}
    print(f"\n{'':14}{'wall (median)':>16}{'peak memory':>16}")
    for k, (w, m) in med.items():
        print(f"{k:14}{w:>14.2f} s{m:>12.0f} MiB")
    hw, hm = med["herald"]
    gw, gm = med["hugo"]
    print(f"\nHerald/Hugo: wall {hw / gw:.2f}x ({gw / hw:.1f}x faster), peak memory {hm / gm:.2f}x")
    summary = {"pages": args.pages, "locales": len(LOCALES), "runs": args.runs, "median": med}
    if args.serve:
        on_disk, rendered = serve_edits(hroot, work, gap=args.edit_gap)
        print(f"\nserve, one-page edit: on disk after {on_disk * 1000:.0f} ms (median of 5; "
              f"rendering {rendered:.1f} ms of it, the rest is the file watcher and the 15 ms debounce)")
        summary["serve_edit_ms"] = [on_disk * 1000, rendered]
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
