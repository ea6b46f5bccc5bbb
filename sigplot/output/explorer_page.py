"""The explorer's markup: a fragment any page can hold (docs pages, Jupyter) and the
standalone page around it. No network: the SVG, the data, the style and the script are
all inline. The script only swaps precomputed content; no maths happens in it.

Light and dark: on a dark page the one SVG is shown through a CSS filter, inverted (to
88%, so white becomes the dark preset's near-black, not black) and turned half-way round
the colour wheel, so hues keep their names: sigplot's blue stays blue, on dark grey. The
script calls a page dark when the first opaque background behind the figure is dark, so
it follows whatever the page does (the standalone page's ``prefers-color-scheme``, a
theme's switch) and a light page keeps a light figure whatever the reader's system says.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the markup needs no matplotlib: a gallery index reads pages cheaply
    from sigplot.output.explorer import Explorer


# One script for every explorer on a page, run once each explorer is in the document.
SCRIPT = r"""(function () {
  function start(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var data = JSON.parse(root.querySelector("script.sp-data").textContent);
    var slider = root.querySelector("input.sp-slider");
    var out = root.querySelector("output.sp-readout");
    var play = root.querySelector("button.sp-play");
    var svg = root.querySelector("svg");
    var slots = (data.slots || []).map(function (name) {
      return svg.querySelector("#sigplot-slot-" + name);
    });
    var lines = (data.cursor || []).map(function () {
      var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
      line.setAttribute("class", "sp-cursor");
      svg.appendChild(line);
      return line;
    });
    function show(i) {
      slots.forEach(function (slot, k) {
        slot.innerHTML = data.parts[k][data.frames[i][k]];
      });
      lines.forEach(function (line, p) {
        var at = data.cursor[p][i];
        line.setAttribute("x1", at[0]); line.setAttribute("x2", at[0]);
        line.setAttribute("y1", at[1]); line.setAttribute("y2", at[2]);
      });
      out.textContent = data.readouts[i];
      slider.setAttribute("aria-valuetext", data.values[i]);
    }
    var timer = null;
    function pause() {
      if (timer === null) return;
      clearInterval(timer); timer = null;
      play.textContent = "Play"; play.setAttribute("aria-pressed", "false");
      out.setAttribute("aria-live", "polite");
    }
    function run() {
      out.setAttribute("aria-live", "off");
      play.textContent = "Pause"; play.setAttribute("aria-pressed", "true");
      timer = setInterval(function () {
        slider.value = (Number(slider.value) + 1) % data.readouts.length;
        show(Number(slider.value));
      }, 1000 / data.fps);
    }
    slider.addEventListener("input", function () { pause(); show(Number(slider.value)); });
    if (play) play.addEventListener("click", function () {
      if (timer === null) run(); else pause();
    });
    if (lines.length) {
      svg.addEventListener("pointermove", function (event) {
        var box = svg.getBoundingClientRect();
        var x = (event.clientX - box.left) / box.width * svg.viewBox.baseVal.width;
        var y = (event.clientY - box.top) / box.height * svg.viewBox.baseVal.height;
        var best = null;
        data.cursor.forEach(function (stops) {
          if (y < stops[0][1] || y > stops[0][2]) return;
          stops.forEach(function (at, i) {
            var d = Math.abs(at[0] - x);
            if (best === null || d < best[0]) best = [d, i];
          });
        });
        if (best !== null) { slider.value = best[1]; show(best[1]); }
      });
    }
    // Dark where the page itself is dark: the first opaque background behind the figure.
    function scheme() {
      var dark = false;
      for (var el = root; el; el = el.parentElement) {
        var rgb = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) || []).map(Number);
        if (rgb.length >= 3 && (rgb.length < 4 || rgb[3] > 0.5)) {
          dark = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < 128;
          break;
        }
      }
      root.setAttribute("data-scheme", dark ? "dark" : "light");
    }
    scheme();
    new MutationObserver(scheme).observe(document.documentElement,
      {attributes: true, subtree: true, attributeFilter: ["class", "data-theme", "style",
       "data-md-color-scheme", "data-mode"]});
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", scheme);
    root.querySelector(".sp-controls").hidden = false;
    show(Number(slider.value));
    var still = matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (play && !still) run();
  }
  function all() { document.querySelectorAll("[data-sigplot-explorer]").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();"""


def _css(explorer: Explorer, standalone: bool) -> str:
    """The explorer's own style, scoped to its key: layout, colours light and dark."""
    key = explorer.key
    box = f".{key}"
    rules = [
        f"{box} svg {{ display: block; width: 100%; height: auto; }}",
        f"{box} .sp-controls {{ display: flex; gap: 0.75rem; align-items: center; "
        "margin: 0.5rem 0; }",
        f"{box} .sp-controls[hidden] {{ display: none; }}",
        f"{box} .sp-controls label {{ display: flex; gap: 0.5rem; align-items: center; flex: 1; }}",
        f"{box} input.sp-slider {{ flex: 1; min-width: 8rem; }}",
        f"{box} button.sp-play {{ min-width: 5rem; font: inherit; }}",
        f"{box} output.sp-readout {{ display: block; min-height: 3em; font-variant-numeric: "
        "tabular-nums; }",
        f"{box} .sp-cursor {{ stroke: currentColor; stroke-width: 1; stroke-dasharray: 3 2; "
        "pointer-events: none; }",
    ]
    if explorer.dark:  # a dark figure (the dark preset) is shown as it was drawn
        return "\n".join(rules)
    night = "filter: invert(0.88) hue-rotate(180deg);"
    rules.append(f'{box}[data-scheme="dark"] svg {{ {night} }}')
    media = f"{box}:not([data-scheme]) svg {{ {night} }}"
    if standalone:
        rules.append(f"@media (prefers-color-scheme: dark) {{ {media} }}")
    return "\n".join(rules)


def fragment(explorer: Explorer, standalone: bool = False) -> str:
    """The explorer as markup any page can hold: the SVG (the poster without script),
    the controls (shown by the script), the readout, its data and the script. Light or
    dark as the page behind it is (module doc); without script, a ``standalone`` page
    follows ``prefers-color-scheme``."""
    moving = bool(explorer.slots)
    data = {"slots": explorer.slots, "parts": explorer.parts, "frames": explorer.frames,
            "readouts": explorer.readouts, "values": explorer.values, "fps": explorer.fps,
            "cursor": explorer.cursor}  # fmt: skip
    if not moving:
        data["frames"] = [[] for _ in explorer.readouts]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    count = len(explorer.readouts)
    label = html.escape(explorer.label)
    play = (
        '<button type="button" class="sp-play" aria-pressed="false">Play</button>' if moving else ""
    )
    hint = "" if moving else " (arrow keys or pointer)"
    return (
        f'<div class="sigplot-explorer {explorer.key}" data-sigplot-explorer>'
        f"<style>{_css(explorer, standalone)}</style>"
        f"{explorer.svg}"
        f'<div class="sp-controls" hidden>{play}<label>{label}{hint} '
        f'<input type="range" class="sp-slider" min="0" max="{count - 1}" step="1" '
        f'value="{explorer.start}" aria-valuetext="{html.escape(explorer.values[explorer.start])}">'
        "</label></div>"
        f'<output class="sp-readout" aria-live="polite">'
        f"{html.escape(explorer.readouts[explorer.start])}</output>"
        f'<script type="application/json" class="sp-data">{text}</script>'
        f"<script>{SCRIPT}</script></div>"
    )


_MAIN = ("<main>\n", "\n</main>")


def page(explorer: Explorer) -> bytes:
    """The standalone page: the explorer on a page light or dark as the reader's system is."""
    title = html.escape(explorer.title)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{title}</title>\n<style>body {{ margin: 0 auto; max-width: 60rem; "
        "padding: 1rem; font: 16px/1.5 system-ui, sans-serif; }\n"
        "@media (prefers-color-scheme: dark) { body { background: #1E1E24; color: #E8E8EC; } }"
        "</style>\n</head>\n<body>\n"
        + _MAIN[0]
        + f"{fragment(explorer, standalone=True)}{_MAIN[1]}\n</body>\n</html>\n"
    ).encode()


def fragment_of(text: str) -> str:
    """The explorer inside a page :func:`page` wrote (for an index that shows it), or ""."""
    start, end = text.find(_MAIN[0]), text.rfind(_MAIN[1])
    return text[start + len(_MAIN[0]) : end] if 0 <= start < end else ""
