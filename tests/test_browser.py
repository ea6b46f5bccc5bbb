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
from pathlib import Path

import pytest

from sigplot import gallery

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
  for (const figure of document.querySelectorAll("figure")) {
    const img = figure.querySelector("img");
    out[figure.id] = {width: img.getBoundingClientRect().width, loaded: img.naturalWidth > 0};
  }
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


def shown(tmp_path: Path, width: int) -> dict[str, dict[str, float]]:
    """The gallery page at ``width`` CSS px: each figure's rendered width and load state."""
    page = tmp_path / "gallery"
    if not page.exists():
        shutil.copytree(ROOT / "gallery", page)
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
