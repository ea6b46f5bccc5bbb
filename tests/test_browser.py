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

from sigplot import gallery
from sigplot.web import WEB_DEFAULTS

ROOT = Path(__file__).parent.parent
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
if BROWSER is None:
    if os.environ.get("CI") == "true":
        pytest.fail("CI needs Chromium: .ci/run installs Debian's chromium", pytrace=False)
    pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)

MIN_CSS_PX = 11
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


def shown(tmp_path: Path, width: int, site: Path = ROOT / "gallery") -> dict[str, Any]:
    """A page (``site``/index.html) at ``width`` CSS px: what its PROBE measured."""
    page = tmp_path / "site"
    if not page.exists():
        shutil.copytree(site, page)
        index = page / "index.html"
        index.write_text(index.read_text().replace("</body>", PROBE + "</body>"))
    host = page / f"host{width}.html"
    host.write_text(HOST.format(width=width))
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",  # type: ignore[list-item]
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / f'profile{width}'}",
         "--allow-file-access-from-files", "--window-size=1400,1000",
         "--virtual-time-budget=10000", "--dump-dom", host.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    match = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, flags=re.DOTALL)
    assert match, done.stderr[-2000:]
    return dict(json.loads(match.group(1).replace("&quot;", '"')))


@pytest.mark.parametrize("width", [390, 1280])
def test_every_image_loads_and_tick_labels_are_readable(tmp_path: Path, width: int) -> None:
    book = gallery.load(ROOT / "gallery" / "gallery.toml")
    figures = shown(tmp_path, width)
    assert set(figures) == {e.name for e in book.entries}
    for entry in book.entries:
        seen = figures[entry.name]
        assert seen["loaded"], entry.name
        if entry.spec.preset == "post" or entry.name == "sigmoid":
            continue  # the blog figure and the command's own default, exactly as drawn
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
