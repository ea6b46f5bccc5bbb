"""The explorer in a real headless Chromium: the slider changes the figure and the
readout, the controls take keyboard focus, nothing moves by itself under reduced motion,
nothing is fetched (a page-level CSP that forbids every source, and no host resolves) and
no script error, light and dark, and the still page's cursor. Skipped without Chromium,
except on CI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from devtools import Browser
from test_browser import BROWSER

from sigplot.cli import main

REDUCED = "--force-prefers-reduced-motion"
DARK = "--blink-settings=preferredColorScheme=0"
# Any fetch is blocked and reported: the page must need none.
HEAD = """<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<script>window.seen = {errors: []};
addEventListener("error", (e) => seen.errors.push(String(e.message) + " @ " + e.filename));
addEventListener("securitypolicyviolation", (e) => seen.errors.push("blocked " + e.blockedURI));
</script>"""
DONE = """
  seen.resources = performance.getEntriesByType("resource").map((e) => e.name);
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(seen);
  document.body.appendChild(pre);
"""


def explorer(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def opened(tmp_path: Path, page: Path, script: str, *flags: str, csp: bool = True) -> Any:
    """What ``script`` saw in ``page`` (opened from file://, in a fresh profile, no host
    resolving, every fetch forbidden unless not ``csp``: a docs page's own files), with
    ``flags`` given to Chromium."""
    head = HEAD if csp else HEAD.split("\n", 1)[1]
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"<head[^>]*>", lambda m: m[0] + "\n" + head, text, count=1)
    copy = page.parent / f"probe-{len(flags)}-{page.name}"
    copy.write_text(text.replace("</body>", f"<script>{script}</script></body>"))
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",  # type: ignore[list-item]
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--allow-file-access-from-files",
         f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}",
         "--window-size=1000,900", "--virtual-time-budget=5000", *flags, "--dump-dom",
         copy.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    match = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, flags=re.DOTALL)
    assert match, done.stderr[-2000:]
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))


SWEEP = (
    """
addEventListener("load", () => {
  const root = document.querySelector("[data-sigplot-explorer]");
  const slider = root.querySelector("input[type=range]");
  const play = root.querySelector("button");
  const out = root.querySelector("output");
  const svg = root.querySelector("svg");
  seen.start = Number(slider.value);
  seen.controls = root.querySelector(".sp-controls").hidden === false;
  setTimeout(() => {
    seen.after = Number(slider.value);
    seen.pressed = play.getAttribute("aria-pressed");
    seen.label = play.textContent;
    if (seen.pressed === "true") play.click();  // the pause control
    const paused = Number(slider.value);
    setTimeout(() => {
      seen.stays = Number(slider.value) === paused;
      const before = [svg.innerHTML, out.textContent];
      slider.value = 5;
      slider.dispatchEvent(new Event("input", {bubbles: true}));
      seen.figureChanged = svg.innerHTML !== before[0];
      seen.readout = out.textContent;
      seen.readoutChanged = out.textContent !== before[1];
      seen.valuetext = slider.getAttribute("aria-valuetext");
      seen.focus = [slider, play].map((el) => {
        el.focus();
        return document.activeElement === el && el.tabIndex >= 0 && el.offsetParent !== null;
      });
      seen.filter = getComputedStyle(svg).filter;
      seen.background = getComputedStyle(document.body).backgroundColor;
      seen.role = svg.getAttribute("role");
      seen.name = svg.getAttribute("aria-labelledby").split(" ")
        .map((id) => document.getElementById(id).textContent.length);
"""
    + DONE
    + """
    }, 500);
  }, 1500);
});"""
)


@pytest.fixture(scope="module")
def tangent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tangent")
    return explorer(folder, "t.html", "--sweep", "tangent", "-4", "4", "--frames", "12")


def test_the_slider_moves_the_figure_and_the_readout(tangent: Path, tmp_path: Path) -> None:
    seen = opened(tmp_path, tangent, SWEEP, REDUCED)  # (not playing: it starts at frame 6)
    assert seen["errors"] == [] and seen["resources"] == []
    assert seen["controls"] and seen["start"] == 6  # the poster, the middle frame
    assert seen["figureChanged"] and seen["readoutChanged"]
    # frame 5 of 12 from -4 to 4: z0 = -4 + 5 * 8 / 11 = -0.3636 (it read "-0.4", 10% off)
    assert seen["readout"].startswith("tangent at z = −0.364: sigmoid(z₀) = 0.41")
    assert seen["valuetext"] == "tangent at z = −0.364"
    assert seen["focus"] == [True, True]
    assert seen["role"] == "img" and min(seen["name"]) > 20


def test_it_plays_with_a_pause_control_where_motion_is_welcome(
    tangent: Path, tmp_path: Path
) -> None:
    seen = opened(tmp_path, tangent, SWEEP)
    assert seen["pressed"] == "true" and seen["label"] == "Pause"
    assert seen["after"] != seen["start"]  # it moved by itself
    assert seen["stays"]  # and stopped when paused


def test_nothing_moves_under_reduced_motion(tangent: Path, tmp_path: Path) -> None:
    seen = opened(tmp_path, tangent, SWEEP, REDUCED)
    assert seen["errors"] == []
    assert seen["pressed"] == "false" and seen["label"] == "Play"
    assert seen["after"] == seen["start"] == 6


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_light_and_dark_follow_the_readers_system(
    tangent: Path, tmp_path: Path, scheme: str
) -> None:
    seen = opened(tmp_path, tangent, SWEEP, REDUCED, *([DARK] if scheme == "dark" else []))
    assert seen["errors"] == []
    if scheme == "dark":
        assert "invert" in seen["filter"] and seen["background"] != "rgb(255, 255, 255)"
    else:
        assert seen["filter"] == "none" and seen["background"] in (
            "rgba(0, 0, 0, 0)",
            "rgb(255, 255, 255)",
        )


CURSOR = (
    """
addEventListener("load", () => {
  const root = document.querySelector("[data-sigplot-explorer]");
  const slider = root.querySelector("input[type=range]");
  const out = root.querySelector("output");
  const svg = root.querySelector("svg");
  const line = svg.querySelector("line.sp-cursor");
  const data = JSON.parse(root.querySelector("script.sp-data").textContent);
  seen.buttons = root.querySelectorAll("button").length;
  seen.start = [Number(slider.value), Number(line.getAttribute("x1")), out.textContent];
  // the pointer a quarter of the way across the plot: the line follows it
  const stops = data.cursor[0];
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const at = stops[60];
  svg.dispatchEvent(new PointerEvent("pointermove", {bubbles: true,
    clientX: box.left + at[0] * scale, clientY: box.top + (at[1] + at[2]) / 2 * scale}));
  seen.pointer = [Number(slider.value), Number(line.getAttribute("x1")), out.textContent];
  // the arrow keys move the native slider; its input event moves the line
  slider.value = 200;
  slider.dispatchEvent(new Event("input", {bubbles: true}));
  seen.slider = [Number(slider.value), Number(line.getAttribute("x1")), out.textContent];
  seen.x = [stops[60][0], stops[200][0]];
  seen.readouts = [data.readouts[60], data.readouts[200]];
"""
    + DONE
    + "});"
)


def test_the_still_page_has_a_cursor(tmp_path: Path) -> None:
    page = explorer(tmp_path, "s.html", "-f", "sigmoid,tanh", "--range", "-6", "6")
    seen = opened(tmp_path, page, CURSOR, REDUCED)
    assert seen["errors"] == [] and seen["resources"] == [] and seen["buttons"] == 0
    assert seen["start"][0] == 120 and seen["start"][2].startswith("z = 0: sigmoid 0.5")
    assert seen["pointer"] == [60, seen["x"][0], seen["readouts"][0]]
    assert seen["slider"] == [200, seen["x"][1], seen["readouts"][1]]
    assert seen["readouts"][0].startswith("z = −3: sigmoid 0.0474")  # 1 / (1 + e^3)


# Every explorer of a docs page: the slider moves its readout; the page's own scheme.
DOCS = (
    """
addEventListener("load", () => {
  setTimeout(() => {
    seen.explorers = [...document.querySelectorAll("[data-sigplot-explorer]")].map((root) => {
      const slider = root.querySelector("input[type=range]");
      const out = root.querySelector("output");
      const before = out.textContent;  // (a sweep may be playing: move it two frames on)
      slider.value = (Number(slider.value) + 2) % (Number(slider.max) + 1);
      slider.dispatchEvent(new Event("input", {bubbles: true}));
      const svg = root.querySelector("svg");
      return {moves: out.textContent !== before, play: !!root.querySelector("button"),
              scheme: root.dataset.scheme, filter: getComputedStyle(svg).filter};
    });
"""
    + DONE
    + """
  }, 500);
});"""
)
BLOCKS = {"sweep": "tangent -4 4", "frames": "6", "format": "html"}, {"format": "html"}


def remote(resources: list[str]) -> list[str]:
    return [r for r in resources if not r.startswith("file:")]


def ours(errors: list[str]) -> list[str]:
    """The errors of the page's inline scripts (sigplot's), not of its theme's files."""
    return [e for e in errors if e.endswith(".html") or "@" not in e]


@pytest.mark.parametrize("theme", ["alabaster", "furo"])
def test_a_sphinx_page_holds_explorers(tmp_path: Path, theme: str) -> None:
    if theme != "alabaster":
        pytest.importorskip(theme)
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(f'extensions = ["sigplot.sphinxext"]\nhtml_theme = "{theme}"\n')
    blocks = "".join(
        ".. sigplot::\n" + "".join(f"   :{k}: {v}\n" for k, v in b.items()) + "\n" for b in BLOCKS
    )
    (src / "index.rst").write_text("Page\n====\n\n" + blocks)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "WARNING" not in done.stderr, done.stderr
    for scheme in ("light", "dark"):
        seen = opened(tmp_path, out / "index.html", DOCS,
                      *([DARK] if scheme == "dark" else []), csp=False)  # fmt: skip
        assert ours(seen["errors"]) == [] and remote(seen["resources"]) == [], seen
        explorers = seen["explorers"]
        assert [(e["moves"], e["play"]) for e in explorers] == [(True, True), (True, False)]
        # alabaster is light whatever the reader's system says, and so are its explorers;
        # Furo follows the system, and so do they
        dark = scheme == "dark" and theme == "furo"
        assert all(e["scheme"] == ("dark" if dark else "light") for e in explorers), explorers
        assert all(("invert" in e["filter"]) == dark for e in explorers), explorers


def test_builders_without_script_get_the_still_picture(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sigplot.sphinxext"]\n')
    blocks = "".join(
        ".. sigplot::\n" + "".join(f"   :{k}: {v}\n" for k, v in b.items()) + "\n" for b in BLOCKS
    )
    (src / "index.rst").write_text("Page\n====\n\n" + blocks)
    for builder in ("latex", "text"):
        out = tmp_path / builder
        done = subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", builder, str(src), str(out)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0 and "WARNING" not in done.stderr, done.stderr
        if builder == "latex":
            tex = next(out.glob("*.tex")).read_text()
            shown = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{?([^}]+?)\}?\}", tex)
            assert len(shown) == 2 and "poster" in shown[0], shown  # the sweep's poster, a PNG
        else:
            text = (out / "index.txt").read_text()
            assert "with the tangent moving from z = -4 to 4" in " ".join(text.split())  # alt


# mkdocs' own theme (its highlight.js comes from a CDN: off, so the page is whole
# offline), and Material following the system (its Google fonts off, likewise).
MKDOCS_THEMES = {
    "mkdocs": "  name: mkdocs\n  highlightjs: false\n",
    "material": "  name: material\n  font: false\n  palette:\n"
    '    - media: "(prefers-color-scheme: light)"\n      scheme: default\n'
    '    - media: "(prefers-color-scheme: dark)"\n      scheme: slate\n',
}


@pytest.mark.parametrize("theme", sorted(MKDOCS_THEMES))
def test_a_mkdocs_page_holds_explorers(tmp_path: Path, theme: str) -> None:
    pytest.importorskip("mkdocs" if theme == "mkdocs" else theme)
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        f"site_name: T\ntheme:\n{MKDOCS_THEMES[theme]}plugins:\n  - sigplot\n"
    )
    blocks = "".join(
        "```sigplot\n" + "".join(f"{k}: {v}\n" for k, v in b.items()) + "```\n\n" for b in BLOCKS
    )
    (root / "docs" / "index.md").write_text("# T\n\n" + blocks)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for scheme in ("light", "dark"):
        seen = opened(tmp_path, root / "site" / "index.html", DOCS,
                      *([DARK] if scheme == "dark" else []), csp=False)  # fmt: skip
        assert ours(seen["errors"]) == [] and remote(seen["resources"]) == [], seen
        assert [(e["moves"], e["play"]) for e in seen["explorers"]] == [(True, True), (True, False)]
        # mkdocs' own theme is light, and so are its explorers on a dark system too;
        # Material's slate is dark where the system is, and so are they
        dark = scheme == "dark" and theme == "material"
        assert all(e["scheme"] == ("dark" if dark else "light") for e in seen["explorers"]), seen


KEYBOARD = """({active: document.activeElement.className,
  value: document.querySelector("input").value,
  readout: document.querySelector("output").textContent,
  pressed: (document.querySelector("button") || {getAttribute: () => null})
    .getAttribute("aria-pressed"),
  line: (document.querySelector("line.sp-cursor") || {getAttribute: () => null})
    .getAttribute("x1")})"""


def test_the_keyboard_reaches_and_drives_the_controls(tangent: Path, tmp_path: Path) -> None:
    # Real key presses (DevTools' Input domain): Tab moves the browser's own focus.
    browser = Browser(BROWSER, tmp_path / "profile", REDUCED)  # type: ignore[arg-type]
    try:
        browser.open(tangent.as_uri())
        browser.press("Tab")
        on_play = browser.js(KEYBOARD)
        browser.press("Tab")
        on_slider = browser.js(KEYBOARD)
        browser.press("ArrowRight")
        right = browser.js(KEYBOARD)
        browser.press("End")
        end = browser.js(KEYBOARD)
        browser.press("Tab", shift=True)  # back to the play button: Enter plays and pauses
        back = browser.js(KEYBOARD)
        browser.press("Enter")
        playing = browser.js(KEYBOARD)
        browser.press("Enter")
        paused = browser.js(KEYBOARD)
    finally:
        browser.close()
    assert on_play["active"] == "sp-play" and on_play["pressed"] == "false"
    assert on_slider["active"] == "sp-slider" and on_slider["value"] == "6"
    assert right["value"] == "7"  # z0 = -4 + 7 * 8 / 11 = 1.0909
    assert right["readout"].startswith("tangent at z = 1.091: sigmoid(z₀)")
    assert end["value"] == "11" and end["readout"].startswith("tangent at z = 4.0")
    assert back["active"] == "sp-play"
    assert playing["pressed"] == "true" and paused["pressed"] == "false"


def test_the_arrow_keys_move_the_cursor(tmp_path: Path) -> None:
    page = explorer(tmp_path, "s.html", "-f", "sigmoid,tanh", "--range", "-6", "6")
    browser = Browser(BROWSER, tmp_path / "profile")  # type: ignore[arg-type]
    try:
        browser.open(page.as_uri())
        browser.press("Tab")
        start = browser.js(KEYBOARD)
        browser.press("ArrowLeft")
        left = browser.js(KEYBOARD)
    finally:
        browser.close()
    assert start["active"] == "sp-slider" and start["value"] == "120"
    assert left["value"] == "119" and left["readout"].startswith("z = −0.05: sigmoid 0.488")
    assert float(left["line"]) < float(start["line"])
