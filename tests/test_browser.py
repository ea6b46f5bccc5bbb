"""The repository gallery's index.html in a real headless Chromium (Debian's package):
every image loads, and tick labels are at least 11 CSS pixels where the page shows them,
on a phone and on a desktop. Skipped without Chromium, except on CI, whose .ci/run
installs it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from sigplot.web import gallery
from sigplot.web.docs import WEB_DEFAULTS

ROOT = Path(__file__).parent.parent
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
if BROWSER is None:
    if os.environ.get("CI") == "true":
        pytest.fail("CI needs Chromium: .ci/run installs Debian's chromium", pytrace=False)
    pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)

MIN_CSS_PX = 11
DARK = "--blink-settings=preferredColorScheme=0"  # Chromium as on a dark system
# What the page reports back: each figure's rendered width and whether its image loaded.
PROBE = """<script>
window.addEventListener("load", () => {
  const out = {};
  document.querySelectorAll("img").forEach((img, i) => {
    const figure = img.closest("figure");
    const picture = img.closest("picture");
    out[figure && figure.id ? figure.id : "img" + i] = {
      width: img.getBoundingClientRect().width, loaded: img.naturalWidth > 0,
      shown: img.offsetParent !== null,
      dark: !!(picture && picture.classList.contains("only-dark")),
    };
  });
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


# Headless windows are at least 500 px wide, so the page is shown in an iframe of the
# width asked for (a phone's 390 px) and the host copies out what the page measured.
HOST = """<!doctype html><html><body style="margin:0">
<iframe id="page" src="index.html" width="{width}" height="900" style="border:0"></iframe>
<script>
document.getElementById("page").addEventListener("load", (event) => {{
  const poll = () => {{
    const probe = event.target.contentDocument.getElementById("probe");
    if (!probe) {{ setTimeout(poll, 50); return; }}
    const pre = document.createElement("pre");
    pre.id = "probe";
    pre.textContent = probe.textContent;
    document.body.appendChild(pre);
  }};
  poll();
}});
</script></body></html>"""


def shown(
    tmp_path: Path,
    width: int,
    site: Path = ROOT / "gallery",
    probe: str = PROBE,
    flags: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A page (``site``/index.html) at ``width`` CSS px: what its ``probe`` measured, with
    ``flags`` given to Chromium (reduced motion, a dark scheme)."""
    page = tmp_path / "site"
    if not page.exists():
        shutil.copytree(site, page)
        index = page / "index.html"
        index.write_text(index.read_text().replace("</body>", probe + "</body>"))
    host = page / f"host{width}.html"
    host.write_text(HOST.format(width=width))
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",  # type: ignore[list-item]
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / f'profile{width}'}",
         "--allow-file-access-from-files", "--window-size=1400,1000",
         "--virtual-time-budget=10000", *flags, "--dump-dom", host.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    match = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, flags=re.DOTALL)
    assert match, done.stderr[-2000:]
    return dict(json.loads(match.group(1).replace("&quot;", '"')))


@pytest.mark.parametrize("width", [390, 1280])
def test_every_image_loads_and_tick_labels_are_readable(tmp_path: Path, width: int) -> None:
    book = gallery.load(ROOT / "gallery" / "gallery.toml")
    figures = shown(tmp_path, width)
    pictured = [e for e in book.entries if "html" not in e.formats]  # the others: explorers
    assert set(figures) == {e.name for e in pictured}
    for entry in pictured:
        seen = figures[entry.name]
        assert seen["loaded"], entry.name
        if entry.spec.preset == "post" or entry.name == "sigmoid":
            continue  # the blog figure and the command's own default, exactly as drawn
        if entry.spec.layout == "grid" or (entry.spec.sweep and not entry.poster):
            # Small multiples span the page's row and are read by opening them: checked
            # for loading only.
            assert seen["width"] > 0.9 * max(f["width"] for f in figures.values()), entry.name
            continue
        # Tick labels are fontsize points; at the figure's natural size 1 pt is 4/3 CSS px.
        scale = seen["width"] / (entry.spec.size[0] * 96)
        css_px = entry.spec.fontsize * 4 / 3 * scale
        assert css_px >= MIN_CSS_PX, (entry.name, width, round(css_px, 1))


def test_a_sphinx_page_shows_readable_light_figures_on_a_light_theme(tmp_path: Path) -> None:
    # alabaster has no dark mode: the light figure is shown (the system's preference does
    # not matter), and the default web sizes keep tick labels readable on a phone.
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sigplot.sphinxext"]\n')
    (src / "index.rst").write_text("Page\n====\n\n.. sigplot::\n   :functions: sigmoid, tanh\n")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    images = shown(tmp_path / "probe", 390, out)
    light = [i for i in images.values() if not i["dark"]]
    dark = [i for i in images.values() if i["dark"]]
    assert light and dark and all(i["loaded"] for i in light)
    assert all(i["shown"] for i in light) and not any(i["shown"] for i in dark)
    css_px = float(WEB_DEFAULTS["fontsize"]) * 4 / 3 * light[0]["width"] / (6 * 96)
    assert css_px >= MIN_CSS_PX, round(css_px, 1)


def run_page(tmp_path: Path, page: Path, script: str, *flags: str) -> Any:
    """Open a copy of ``page`` with ``script`` added; the script puts JSON into a
    ``<pre id="probe">``, which is returned parsed. ``flags`` go to Chromium."""
    copy = tmp_path / f"probe-{page.name}"
    copy.write_text(page.read_text().replace("</body>", f"<script>{script}</script></body>"))
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",  # type: ignore[list-item]
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--allow-file-access-from-files",
         "--virtual-time-budget=5000", *flags, "--dump-dom", copy.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    match = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, flags=re.DOTALL)
    assert match, done.stderr[-2000:]
    return json.loads(match.group(1).replace("&quot;", '"'))


# Which file each figure's <img> shows, and whether it loaded.
SOURCES = PROBE.replace(
    "width: img.getBoundingClientRect().width,", 'src: img.currentSrc.split("/").pop(),'
)


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ((), "gain-sweep.gif"),
        (("--force-prefers-reduced-motion",), "gain-sweep-poster.png"),
        ((DARK,), "gain-sweep-dark.gif"),
        (("--force-prefers-reduced-motion", DARK), "gain-sweep-dark-poster.png"),
    ],
)  # fmt: skip
def test_the_gallery_animates_only_where_motion_is_welcome(
    tmp_path: Path, flags: tuple[str, ...], expected: str
) -> None:
    seen = shown(tmp_path, 1280, probe=SOURCES, flags=flags)
    assert seen["gain-sweep"]["src"] == expected
    dark = DARK in flags
    assert seen["sigmoid"]["src"] == ("sigmoid-dark.svg" if dark else "sigmoid.svg")
    assert all(figure["loaded"] for figure in seen.values())


# The index's explorers: where each stands after a second, and whether its slider moves
# its readout (tests/test_explorer_browser.py tries one page in full).
EXPLORERS = """
const errors = [];
window.addEventListener("error", (e) => errors.push(String(e.message)));
window.addEventListener("load", () => {
  const roots = [...document.querySelectorAll("[data-sigplot-explorer]")];
  const start = roots.map((r) => Number(r.querySelector("input").value));
  setTimeout(() => {
    const seen = roots.map((root, k) => {
      const slider = root.querySelector("input");
      const out = root.querySelector("output");
      const after = Number(slider.value);
      const playing = root.querySelector("button").getAttribute("aria-pressed") === "true";
      const before = out.textContent;
      slider.value = (after + 2) % (Number(slider.max) + 1);  // a frame it is not on
      slider.dispatchEvent(new Event("input", {bubbles: true}));
      return {id: root.closest("figure").id, start: start[k], after, playing,
              moves: out.textContent !== before, dark: root.dataset.scheme};
    });
    const pre = document.createElement("pre");
    pre.id = "probe";
    pre.textContent = JSON.stringify({seen, errors});
    document.body.appendChild(pre);
  }, 1000);
});
"""


@pytest.mark.parametrize("motion", ["welcome", "reduced"])
def test_the_gallery_index_shows_the_explorers(tmp_path: Path, motion: str) -> None:
    flags = ("--force-prefers-reduced-motion",) if motion == "reduced" else ()
    seen = run_page(tmp_path, ROOT / "gallery" / "index.html", EXPLORERS, *flags)
    assert seen["errors"] == []
    assert [e["id"] for e in seen["seen"]] == ["tangent-sweep", "grid-sweep"]
    for explorer, poster in zip(seen["seen"], (20, 12), strict=True):  # 41 and 24 frames
        assert explorer["start"] == poster and explorer["moves"] and explorer["dark"] == "light"
        assert explorer["playing"] == (motion == "welcome")  # it plays only if welcome
        if motion == "reduced":
            assert explorer["after"] == poster


@pytest.mark.parametrize(
    ("theme", "page_dark"),
    [("name: mkdocs", False), ("name: mkdocs\n  color_mode: auto", True),
     ("name: readthedocs", False)],
)  # fmt: skip
def test_a_mkdocs_page_shows_the_dark_figure_only_where_the_page_is_dark(
    tmp_path: Path, theme: str, page_dark: bool
) -> None:
    # MkDocs' own theme is light unless color_mode follows the system (auto); readthedocs
    # is always light: a dark system must not put the dark figure on a light page. One
    # site, seen with a light and with a dark system.
    pytest.importorskip("mkdocs")
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(f"site_name: T\ntheme:\n  {theme}\nplugins:\n  - sigplot\n")
    (root / "docs" / "index.md").write_text("# T\n\n```sigplot\nfunctions: sigmoid, tanh\n```\n")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = (root / "site" / "index.html").read_text()
    light_svg = re.search(r'<picture class="only-light"><source type="image/svg\+xml" '
                          r'srcset="assets/sigplot/([^"]+)"', page)  # fmt: skip
    dark_svg = re.search(r'<picture class="only-dark"><source type="image/svg\+xml" '
                         r'srcset="assets/sigplot/([^"]+)"', page)  # fmt: skip
    assert light_svg and dark_svg
    for scheme in ("light", "dark"):
        flags = (DARK,) if scheme == "dark" else ()
        seen = shown(tmp_path / scheme, 1280, site=root / "site", probe=SOURCES, flags=flags)
        visible = [image for image in seen.values() if image["shown"]]
        wants_dark = scheme == "dark" and page_dark
        assert len(seen) == 2 and len(visible) == 1 and visible[0]["loaded"], (scheme, seen)
        assert visible[0]["dark"] == wants_dark, (scheme, seen)
        assert visible[0]["src"] == (dark_svg if wants_dark else light_svg).group(1)


MORE = 'filter: getComputedStyle(img).filter, src: img.currentSrc.split("/").pop(),'
THEMES = PROBE.replace(
    'document.querySelectorAll("img")', 'document.querySelectorAll(".sigplot img")'
).replace("shown: img.offsetParent !== null,", f"shown: img.offsetParent !== null, {MORE}")


@pytest.mark.parametrize("theme", ["furo", "pydata_sphinx_theme", "alabaster"])
def test_each_theme_shows_the_variant_of_its_page(tmp_path: Path, theme: str) -> None:
    """One site per theme, seen with a light and with a dark system."""
    if theme != "alabaster":
        pytest.importorskip(theme)
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(f'extensions = ["sigplot.sphinxext"]\nhtml_theme = "{theme}"\n')
    (src / "index.rst").write_text("Page\n====\n\n.. sigplot::\n   :functions: sigmoid, tanh\n")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for scheme in ("light", "dark"):
        flags = (DARK,) if scheme == "dark" else ()
        images = shown(tmp_path / scheme, 1280, site=out, probe=THEMES, flags=flags)
        visible = [i for i in images.values() if i["shown"]]
        assert len(images) == 2 and len(visible) == 1 and visible[0]["loaded"], (scheme, images)
        # alabaster has no dark mode: its page stays light, and so does the figure
        wants_dark = scheme == "dark" and theme != "alabaster"
        assert visible[0]["dark"] == wants_dark, (theme, scheme, images)
        assert visible[0]["filter"] == "none"  # PyData dims other images in dark mode
        if wants_dark:  # the dark figure takes the page's colour: its background is clear
            folder = out / "_images" / "sigplot"
            with Image.open(folder / visible[0]["src"].replace(".svg", ".png")) as image:
                corner = image.convert("RGBA").getpixel((0, 0))
                assert isinstance(corner, tuple) and corner[3] == 0
