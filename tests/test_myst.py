"""The mystmd plugin (Jupyter Book 2) in real ``myst build --site --strict`` runs.

The site theme is downloaded at build time, which this machine cannot do, so each project
names a stand-in theme folder (a ``template.yml`` alone): mystmd then writes the site's
content (each page's final document tree as JSON) and its files, which is what a theme
shows. Checked there: figures, captions, numbers, cross-references and dark twins; the
SVGs in Chromium; bad directives failing the build with page, line, option and value;
a cache that is used only when its files check out.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from sigplot.cli import main

MYST = shutil.which("myst", path=str(Path(sys.executable).parent))
NODE = shutil.which("node")


def _node_major() -> int:
    if NODE is None:
        return 0
    done = subprocess.run([NODE, "--version"], capture_output=True, text=True, check=False)
    match = re.match(r"v(\d+)", done.stdout)
    return int(match.group(1)) if match else 0


@pytest.fixture(autouse=True)
def _mystmd() -> None:
    """Each test here needs a real myst: CI fails without it, elsewhere it skips. (Without
    node >= 20 the mystmd wheel would download one: never at test time.) A fixture, so a
    run that selects none of these tests (the smoke suite) does not need it."""
    if MYST is None or _node_major() < 20:
        why = "mystmd (the test extra) and Node.js >= 20 (.ci/run installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {why}", pytrace=False)
        pytest.skip(f"needs {why}")


THEME = "jtex: v1\ntitle: Offline stand-in for the site theme\n"
# Builds run without a network where the machine allows it (root: a network namespace of
# their own), so nothing is fetched at build time.
_OFFLINE = ["unshare", "--net"]
_ALONE = subprocess.run([*_OFFLINE, "true"], capture_output=True, check=False).returncode == 0
OFFLINE = _OFFLINE if _ALONE else []
README = (Path(__file__).parent.parent / "README.md").read_text()
INDEX = """---
title: Home
---

See [](#fig-cmp) for the comparison.

```{sigplot}
:functions: sigmoid, tanh
:alt: The logistic sigmoid and tanh
:caption: The *logistic* sigmoid and $\\tanh$.
:label: fig-cmp
```
"""
CHAPTER = """# Two

```{sigplot}
:range: -4 4
:orders: 0
```
"""


def book(tmp_path: Path, *options: str, **pages: str) -> Path:
    """A mystmd project in ``tmp_path/book`` with the plugin ``sigplot myst-plugin`` wrote
    (``options`` after it) and ``pages`` (``chapter__two`` is ``chapter/two.md``)."""
    root = tmp_path / "book"
    (root / "theme").mkdir(parents=True)
    (root / "theme" / "template.yml").write_text(THEME)
    written = CliRunner().invoke(main, ["myst-plugin", str(root / "sigplot_myst.py"), *options])
    assert written.exit_code == 0, written.output
    (root / "myst.yml").write_text(
        "version: 1\nproject:\n  title: Test\n  plugins:\n    - type: executable\n"
        "      path: sigplot_myst.py\nsite:\n  template: ./theme\n"
    )
    for name, text in pages.items():
        page = root / (name.replace("__", "/") + ".md")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text)
    return root


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*OFFLINE, MYST, "build", "--site", "--strict"], cwd=root,  # type: ignore[list-item]
        env={**os.environ, "NO_UPDATE_NOTIFIER": "1"},
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def nodes(tree: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield tree
    for child in tree.get("children", []):
        yield from nodes(child)


def content(root: Path, page: str) -> list[dict[str, Any]]:
    tree = json.loads((root / "_build" / "site" / "content" / f"{page}.json").read_text())
    return list(nodes(tree["mdast"]))


def text_of(node: dict[str, Any]) -> str:
    return "".join(n.get("value", "") for n in nodes(node) if n["type"] in ("text", "inlineMath"))


def cache_files(root: Path) -> dict[str, int]:
    folder = root / ".cache" / "sigplot"
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.iterdir())}


def test_directives_become_numbered_figures_with_dark_twins(tmp_path: Path) -> None:
    root = book(tmp_path, index=INDEX, chapter__two=CHAPTER)
    done = build(root)
    assert done.returncode == 0, done.stdout + done.stderr
    index = content(root, "index")
    (figure,) = [n for n in index if n["type"] == "container"]
    assert figure["kind"] == "figure" and figure["label"] == "fig-cmp"
    assert figure["enumerator"] == "1"
    (ref,) = [n for n in index if n["type"] == "crossReference"]
    assert ref["resolved"] and text_of(ref) == "Figure\xa01"
    light, dark = [n for n in figure["children"] if n["type"] == "image"]
    # myst-theme's Tailwind classes (dark mode by a "dark" class on <html>): one shows
    assert light["class"] == "dark:hidden" and dark["class"] == "hidden dark:block"
    assert light["alt"] == dark["alt"] == "The logistic sigmoid and tanh"
    (caption,) = [n for n in figure["children"] if n["type"] == "caption"]
    assert text_of(caption) == "Figure\xa01:The logistic sigmoid and \\tanh."
    assert any(n["type"] == "emphasis" for n in nodes(caption))
    # The data URIs became files of the site; their bytes are the cache's, as recorded.
    public = root / "_build" / "site" / "public"
    cache = root / ".cache" / "sigplot"
    recorded = recorded_hashes(cache)
    for image in (light, dark):
        data = (public / image["url"].lstrip("/")).read_bytes()
        assert data.startswith(b"<?xml") and b"<svg" in data
        assert hashlib.sha256(data).hexdigest() in recorded.values()
    assert (public / light["url"][1:]).read_bytes() != (public / dark["url"][1:]).read_bytes()
    # A figure with neither caption nor label is its images, in a page in a subfolder too.
    two = content(root, "two")
    images = [n for n in two if n["type"] == "image"]
    assert len(images) == 2 and not any(n["type"] == "container" for n in two)
    assert "for z from -4 to 4" in images[0]["alt"]
    assert len(list(cache.glob("*.svg"))) == 4
    assert sorted(p.suffix for p in public.iterdir()).count(".svg") == 4
    rendered(tmp_path, [public / light["url"][1:], public / dark["url"][1:]])


def rendered(tmp_path: Path, svgs: list[Path]) -> None:
    """The light and dark SVGs shown by Chromium on a black page: the light figure brings
    its white background, the dark one is see-through with light ink on it."""
    page = tmp_path / "show.html"
    imgs = "".join(f'<img src="{p.as_uri()}" width="480" height="300">' for p in svgs)
    page.write_text(f'<!doctype html><body style="margin:0;background:#000">{imgs}</body>')
    shot = tmp_path / "shot.png"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no chromium to look at the figures")
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--user-data-dir={tmp_path / 'profile'}", "--allow-file-access-from-files",
         "--window-size=960,300", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    with Image.open(shot) as image:
        grey = image.convert("L")
        light, dark = grey.crop((0, 0, 480, 300)), grey.crop((480, 0, 960, 300))
        assert light.getpixel((2, 2)) == 255 and dark.getpixel((2, 2)) == 0
        ink = [sum(part.histogram()[65:250]) for part in (light, dark)]
        assert min(ink) > 500, ink  # curves, ticks and labels drawn, not a blank box


def test_a_text_only_rebuild_draws_nothing(tmp_path: Path) -> None:
    root = book(tmp_path, "--no-dark", index=INDEX)
    assert build(root).returncode == 0
    before = cache_files(root)
    (root / "index.md").write_text(INDEX.replace("for the comparison", "for both"))
    done = build(root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert cache_files(root) == before and len(before) == 2  # one SVG and the manifest
    (figure,) = [n for n in content(root, "index") if n["type"] == "container"]
    assert [n.get("class") for n in figure["children"] if n["type"] == "image"] == [None]


BAD = """---
title: Bad
---

Text.

```{sigplot}
:functions: sigmoid
:rnage: -6 6
```
"""
WORSE = """# Worse

```{sigplot}
:functions: sigmoid, tanh
:range: -6 banana
```
"""


def test_a_bad_directive_fails_the_strict_build_naming_page_line_option_and_value(
    tmp_path: Path,
) -> None:
    root = book(tmp_path, index="# Home\n\nNo figure.\n", bad=BAD, worse=WORSE)
    done = build(root)
    said = done.stdout + done.stderr
    assert done.returncode != 0
    assert re.search(r"bad\.md[^\n]*\n+sigplot: line 9: option: 'rnage' is not an option; "
                     r"did you mean 'range'\?", said), said  # fmt: skip
    worse = r"worse\.md[^\n]*\n+sigplot: line 5: range: 'banana' is not a number"
    assert re.search(worse, said), said
    assert "Traceback" not in said


def directive(options: dict[str, Any], line: int = 7) -> str:
    """The JSON mystmd sends for one directive (the options as written)."""
    children = [{"type": "mystOption", "name": k, "value": v,
                 "position": {"start": {"line": line + 1 + i}}}
                for i, (k, v) in enumerate(options.items())]  # fmt: skip
    node = {"type": "mystDirective", "name": "sigplot", "options": options,
            "position": {"start": {"line": line}}, "children": children}  # fmt: skip
    return json.dumps({"name": "sigplot", "options": {}, "node": node})


def run_plugin(plugin: Path, data: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(plugin), "--directive", "sigplot"], input=data, cwd=plugin.parent,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def shown_svg(done: subprocess.CompletedProcess[str]) -> bytes:
    assert done.returncode == 0, done.stderr
    (image,) = json.loads(done.stdout)
    head, _, payload = image["url"].partition(",")
    assert head == "data:image/svg+xml;base64"
    return base64.b64decode(payload)


def recorded_hashes(cache: Path) -> dict[str, str]:
    """file name -> SHA-256, as the cache's manifest (the gallery's format) records them."""
    manifest = json.loads((cache / ".sigplot-manifest.json").read_text())
    return {n: h for figure in manifest["figures"].values() for n, h in figure["files"].items()}


def test_a_cached_figure_is_used_only_as_a_regular_file_matching_its_record(
    tmp_path: Path,
) -> None:
    root = book(tmp_path, "--no-dark")
    plugin, data = root / "sigplot_myst.py", directive({"range": "-3 3", "orders": "0"})
    first = shown_svg(run_plugin(plugin, data))
    (svg,) = (root / ".cache" / "sigplot").glob("*.svg")
    assert svg.read_bytes() == first and first.startswith(b"<?xml")
    cache = svg.parent
    assert recorded_hashes(cache) == {svg.name: hashlib.sha256(first).hexdigest()}
    # Changed bytes: drawn again.
    svg.write_bytes(first.replace(b"</svg>", b"<!-- changed --></svg>"))
    assert shown_svg(run_plugin(plugin, data)) == first and svg.read_bytes() == first
    # A link to a file outside the cache, even one matching the record: never followed.
    outside = tmp_path / "outside.svg"
    outside.write_bytes(first)
    svg.unlink()
    svg.symlink_to(outside)
    assert shown_svg(run_plugin(plugin, data)) == first
    assert not svg.is_symlink() and svg.read_bytes() == first and outside.read_bytes() == first
    # A FIFO in its place is not read (it would block) nor written through: replaced.
    svg.unlink()
    os.mkfifo(svg)
    assert shown_svg(run_plugin(plugin, data)) == first and svg.is_file()
    # No record: drawn again, and recorded.
    (cache / ".sigplot-manifest.json").unlink()
    assert shown_svg(run_plugin(plugin, data)) == first
    assert recorded_hashes(cache) == {svg.name: hashlib.sha256(first).hexdigest()}


def test_a_sweep_is_an_animated_gif(tmp_path: Path) -> None:
    # As in Sphinx and MkDocs; mystmd has no way to carry a still for reduced motion.
    root = book(tmp_path, "--no-dark")
    options = {"sweep": "tangent -1 1", "frames": "2", "orders": "0"}
    done = run_plugin(root / "sigplot_myst.py", directive(options))
    assert done.returncode == 0, done.stderr
    (image,) = json.loads(done.stdout)
    head, _, payload = image["url"].partition(",")
    assert head == "data:image/gif;base64"
    data = base64.b64decode(payload)
    with Image.open(io.BytesIO(data)) as gif:
        assert gif.format == "GIF" and getattr(gif, "n_frames", 1) == 2


def test_the_plugin_offers_the_sphinx_directives_option_words(tmp_path: Path) -> None:
    from sigplot.sphinxext import SigplotDirective

    root = book(tmp_path)
    plugin = root / "sigplot_myst.py"
    assert os.access(plugin, os.X_OK)
    spec = json.loads(subprocess.run([str(plugin)], capture_output=True, text=True,
                                     check=True, timeout=60).stdout)  # fmt: skip
    (declared,) = spec["directives"]
    assert declared["name"] == "sigplot"
    assert set(declared["options"]) == set(SigplotDirective.option_spec)
    assert declared["options"]["annotate"]["type"] == "boolean"
    assert declared["options"]["range"]["type"] == "string"
    assert declared["options"]["name"]["alias"] == ["label"]
    # The same command writes the same bytes; a folder that does not exist is refused.
    again = tmp_path / "again.py"
    assert CliRunner().invoke(main, ["myst-plugin", str(again)]).exit_code == 0
    assert again.read_bytes() == plugin.read_bytes()
    missing = tmp_path / "nowhere" / "p.py"
    refused = subprocess.run(
        [sys.executable, "-m", "sigplot", "myst-plugin", str(missing)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert refused.returncode == 2 and "does not exist" in refused.stderr
    assert "Traceback" not in refused.stderr and not missing.parent.exists()
    # A directive with an argument or a body is refused, naming its line.
    bad = json.loads(directive({}))
    bad["node"]["value"] = "a body"
    done = run_plugin(plugin, json.dumps(bad))
    assert done.returncode == 1
    assert done.stderr == (
        "sigplot: line 7: sigplot: 'a body' takes options only, no argument or body\n"
    )


def test_the_readme_recipe_builds_strictly(tmp_path: Path) -> None:
    (command,) = re.findall(r"```sh\n(sigplot myst-plugin \S+)\n```", README)
    (config,) = re.findall(r"```yaml\n(version: 1\n.*?)```", README, flags=re.DOTALL)
    (page,) = [b for b in re.findall(r"````markdown\n(.*?)\n````", README, flags=re.DOTALL)
               if "```{sigplot}" in b and ":label:" in b]  # fmt: skip
    root = tmp_path / "book"
    (root / "theme").mkdir(parents=True)
    (root / "theme" / "template.yml").write_text(THEME)
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    subprocess.run(command, shell=True, cwd=root, check=True, timeout=60,
                   env={**os.environ, "PATH": path})  # fmt: skip
    (root / "myst.yml").write_text(config + "site:\n  template: ./theme\n")
    (root / "index.md").write_text("# Example\n\n" + page + "\n")
    done = build(root)
    assert done.returncode == 0, done.stdout + done.stderr
    index = content(root, "index")
    (figure,) = [n for n in index if n["type"] == "container"]
    (ref,) = [n for n in index if n["type"] == "crossReference"]
    assert figure["enumerator"] == "1" and ref["resolved"] and text_of(ref) == "Figure\xa01"
    assert len([n for n in figure["children"] if n["type"] == "image"]) == 2


def test_format_png_is_a_png_and_html_is_refused_naming_why(tmp_path: Path) -> None:
    root = book(tmp_path, "--no-dark")
    plugin = root / "sigplot_myst.py"
    done = run_plugin(plugin, directive({"range": "-3 3", "format": "png"}))
    assert done.returncode == 0, done.stderr
    (image,) = json.loads(done.stdout)
    head, _, payload = image["url"].partition(",")
    assert head == "data:image/png;base64"
    assert base64.b64decode(payload).startswith(b"\x89PNG\r\n\x1a\n")
    # The explorer needs a script a plugin cannot put in a mystmd page: one line, the
    # option's own line, no figure.
    done = run_plugin(plugin, directive({"format": "html"}, line=3))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("sigplot: line 4: format: 'html' is not one of svg, png")
