"""Lighthouse scores and the W3C HTML checker on every public page type of a served portal.

Run against a portal with the demo content (`make run` in another terminal):
    .venv/bin/python bench/quality.py [--base http://127.0.0.1:8000] [--skip-lighthouse] [--json FILE]
Tools come from the project's npm packages (package.json: lighthouse@12, vnu-jar) and Debian's Chromium
and Java; nothing is downloaded. Targets (issue 16): accessibility >= 98, best practices >= 95, SEO >= 95
on every page type but the search page, and 0 HTML errors everywhere; the exit status is 1 below them."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = {
    "accueil": "/",
    "rubrique": "/services/",
    "page de contenu": "/services/transports-scolaires/",
    "liste des aides": "/aides/",
    "page d'une aide": "/aides/bourse-de-mobilite-internationale-mermoz/",
    "actualités": "/actualites/",
    "formulaire": "/contact/",
    "plan du site": "/plan-du-site/",
    "mentions légales": "/mentions-legales/",
    "déclaration d'accessibilité": "/accessibilite/",
    "cookies": "/cookies/",
    "shareloc": "/shareloc/",
    "programme": "/programme/",
    "recherche": "/recherche/?q=bourse",
}
TARGETS = {"accessibility": 98, "best-practices": 95, "seo": 95}
NOT_HELD_TO_SEO = {"recherche"}  # a results page is noindex on purpose


def html_errors(base):
    """{page: [error messages]} from the W3C checker (vnu) over the pages' HTML as served."""
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        sys.exit("The W3C checker needs Java and the npm package vnu-jar (`npm ci`).")
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for name, path in PAGES.items():
            target = Path(folder) / f"{len(files)}.html"
            with urllib.request.urlopen(base + path) as response:  # noqa: S310 (our own server)
                target.write_bytes(response.read())
            files[str(target)] = name
        result = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *files],
            capture_output=True,
            text=True,
            check=True,
        )
    errors = {name: [] for name in PAGES}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        if message.get("type") == "error":
            source = message.get("url", "").removeprefix("file:")
            errors[files.get(source, source)].append(f"{message.get('lastLine', '?')}: {message['message']}")
    return errors


def lighthouse_scores(base):
    """{page: {category: score out of 100}} from Lighthouse on Debian's Chromium."""
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse comes from the npm packages (`npm ci`).")
    scores = {}
    for name, path in PAGES.items():
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                base + path,
                f"--chrome-path={chromium}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--only-categories=accessibility,best-practices,seo",
                "--output=json",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            scores[name] = {"error": result.stderr.strip().splitlines()[-1:] or ["?"]}
            continue
        report = json.loads(result.stdout)
        scores[name] = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
    return scores


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()
    failures = []
    errors = html_errors(args.base)
    print("W3C HTML checker (errors per page type)")
    for name, messages in errors.items():
        print(f"  {name:<18} {len(messages)}")
        for message in messages[:5]:
            print(f"      {message}")
        if messages:
            failures.append(f"{name}: {len(messages)} HTML errors")
    scores = {} if args.skip_lighthouse else lighthouse_scores(args.base)
    if scores:
        print("Lighthouse (accessibility / best practices / SEO)")
    for name, score in scores.items():
        if "error" in score:
            print(f"  {name:<18} failed: {score['error']}")
            failures.append(f"{name}: Lighthouse failed")
            continue
        print(f"  {name:<18} {score['accessibility']:>3} / {score['best-practices']:>3} / {score['seo']:>3}")
        for category, target in TARGETS.items():
            if category == "seo" and name in NOT_HELD_TO_SEO:
                continue
            if score[category] < target:
                failures.append(f"{name}: {category} {score[category]} < {target}")
    if args.json:
        Path(args.json).write_text(json.dumps({"html_errors": errors, "lighthouse": scores}, indent=2))
    if failures:
        print("Below target:", *failures, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
