"""Screenshots of every public page type at phone, tablet and desktop widths, for docs/screenshots/.

Run against a served portal with the demo content (`make run` in another terminal):
    .venv/bin/python bench/screenshots.py [--base http://127.0.0.1:8000] [--out docs/screenshots]
It also prints, per page and width, whether the page is wider than the screen (it never should be)."""

import argparse
import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "accueil": "/",
    "aides": "/aides/",
    "aide": "/aides/bourse-de-mobilite-internationale-mermoz/",
    "actualites": "/actualites/",
    "rubrique": "/services/",
    "page": "/services/transports-scolaires/",
    "shareloc": "/shareloc/",
    "recherche": "/recherche/?q=bourse",
}
WIDTHS = (375, 768, 1280)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "screenshots"))
    parser.add_argument("--full-page", action="store_true", help="the whole page, not only the first screen")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    too_wide = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        for width in WIDTHS:
            context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
            page = context.new_page()
            for name, path in PAGES.items():
                response = page.goto(args.base + path)
                status = response.status if response else 0
                page.wait_for_load_state("networkidle")
                scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
                if scroll_width > inner_width:
                    too_wide.append(f"{name} at {width}px: {scroll_width} > {inner_width}")
                page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=args.full_page)
                print(f"{name:<12} {width:>5}px  HTTP {status}  width {scroll_width}/{inner_width}")
            context.close()
        browser.close()
    if too_wide:
        print("Wider than the screen:", *too_wide, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
