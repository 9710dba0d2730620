"""Open a page from disk in Debian's headless Chromium: what it requested, what it shows, screenshots.

Playwright for Python drives ``/usr/bin/chromium`` (never a browser of its
own download), with a fresh profile, no GPU, no background networking. Used
by the class report's browser test and by ``make report-screenshot``:

    python -m autograder.chromium OUT_DIR/report.html docs/report.png [SCREENSHOT_DIR]

writes the top of the page at desktop width to ``docs/report.png`` and, when
given, full-page screenshots at desktop (1280) and phone (390) widths to
``SCREENSHOT_DIR``.
"""
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = {"desktop": 1280, "phone": 390}


def missing():
    """None when the browser can run here, else why not (one sentence)."""
    if not Path(CHROMIUM).is_file():
        return f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does it as root)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements.txt)"
    return None


@contextmanager
def page():
    """A new page of a fresh headless Chromium; ``page.requests`` lists every URL it asked for."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": WIDTHS["desktop"], "height": 900})
        try:
            tab = context.new_page()
            tab.requests = []
            context.on("request", lambda request: tab.requests.append(request.url))
            yield tab
        finally:
            context.close()


def screenshots(tab, url, folder):
    """Full-page screenshots of ``url`` at each width of WIDTHS into ``folder``; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, width in WIDTHS.items():
        tab.set_viewport_size({"width": width, "height": 900})
        tab.goto(url)
        paths.append(folder / f"report-{name}.png")
        tab.screenshot(path=str(paths[-1]), full_page=True)
    return paths


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) not in (2, 3):
        print("usage: python -m autograder.chromium PAGE.html OUT.png [SCREENSHOT_DIR]", file=sys.stderr)
        return 2
    why = missing()
    if why:
        print(f"cannot take screenshots: {why}", file=sys.stderr)
        return 2
    url = Path(argv[0]).resolve().as_uri()
    with page() as tab:
        if len(argv) == 3:
            for path in screenshots(tab, url, argv[2]):
                print(path)
        tab.set_viewport_size({"width": WIDTHS["desktop"], "height": 1100})
        tab.goto(url)
        Path(argv[1]).parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=argv[1])
    print(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
