"""Sweeps drawn: an animation that updates one figure frame by frame, or small multiples.

:class:`Sweep` draws the first frame once (its limits, legend and tick labels made room
for every frame) and then only moves what changes: the curves' values, the marks and the
caption. :func:`animate` hands its frames to matplotlib's own movie writers (Pillow for
gif and webp, the HTML writer, ffmpeg for mp4); :func:`grid` draws a sweep, or the
functions of an overlay, as a grid of panels for static formats.
"""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
import tempfile
from collections.abc import Callable
from hashlib import sha256
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.animation import FFMpegWriter, FuncAnimation, HTMLWriter, PillowWriter
from matplotlib.artist import Artist

from sigplot import sweep
from sigplot.catalog import CATALOG
from sigplot.errors import SigplotError
from sigplot.features import computed
from sigplot.render import SigplotFigure, draw, draw_grid, redraw, style_context
from sigplot.spec import FigureSpec, describe

Progress = Callable[[int, int], None]  # frames done, frames in all
MP4_HELP = (
    "needs ffmpeg: install it (apt install ffmpeg, brew install ffmpeg) or the extra "
    "that brings one: pip install 'sigplot[mp4]'"
)


class Sweep:
    """One figure showing any frame of ``spec``'s sweep, as an animation counts them.
    Limits, legend and layout are fixed for all frames."""

    def __init__(self, spec: FigureSpec) -> None:
        if spec.sweep is None:
            raise ValueError("Sweep needs a spec with a sweep")
        self.spec = spec
        self.values = sweep.values(spec, animated=True)
        self.captions = sweep.captions(spec, self.values)
        self.frames = [sweep.frame(spec, v) for v in self.values]
        self.computed = [computed(f) for f in self.frames]
        tangent = spec.sweep[0] == "tangent"
        moving = tangent or spec.annotate
        # Other frames' curves shape the layout; a tangent sweep's curves never change.
        others = [] if tangent else [curves for curves, _ in self.computed[1:]]
        with style_context(spec):
            self.figure: SigplotFigure = draw(
                self.frames[0], *self.computed[0], ghosts=others, caption=self.captions[0],
                argument=sweep.ARGUMENTS[spec.sweep[0]], moving=moving,
            )  # fmt: skip
        self.figure.spec = spec
        self.figure.set_label(describe(spec))
        self.shown = 0

    def __len__(self) -> int:
        return len(self.frames)

    def show(self, i: int) -> list[Artist]:
        """Update the figure to frame ``i``; returns the artists that changed."""
        (panel,) = self.figure.panels
        if i != self.shown:
            with style_context(self.spec):
                redraw(panel, self.frames[i], *self.computed[i], self.captions[i])
            self.shown = i
        return [*panel.lines, *panel.marks, panel.ax.title]

    @property
    def poster(self) -> int:
        """The frame shown where motion is not: the middle one."""
        return len(self.frames) // 2


def _ffmpeg() -> str:
    """An ffmpeg: on PATH, or the one the ``mp4`` extra (imageio-ffmpeg) brings."""
    found = shutil.which(str(mpl.rcParams["animation.ffmpeg_path"])) or shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        raise SigplotError("format", "mp4", MP4_HELP) from None
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def _writer(fmt: str, fps: int) -> tuple[Any, Any]:
    """matplotlib's movie writer for ``fmt`` and the rc settings it runs under."""
    if fmt in ("gif", "webp"):
        return PillowWriter(fps=fps), {}
    if fmt == "html":
        # All frames inline, however many: the page must be whole, not silently cut short.
        return HTMLWriter(fps=fps, embed_frames=True, default_mode="loop"), {
            "animation.embed_limit": 2048.0
        }
    if fmt == "mp4":
        bitexact = ["-pix_fmt", "yuv420p", "-fflags", "+bitexact", "-flags:v", "+bitexact",
                    "-map_metadata", "-1", "-threads", "1"]  # fmt: skip
        return FFMpegWriter(fps=fps, codec="libx264", extra_args=bitexact), {
            "animation.ffmpeg_path": _ffmpeg()
        }
    raise SigplotError("format", fmt, "cannot animate")


def animate(
    moving: Sweep, fmt: str, dpi: float | None = None, progress: Progress | None = None
) -> bytes:
    """The sweep as an animation in ``fmt`` (gif, webp, html or mp4), frame after frame in
    its one figure; ``progress`` hears of each frame written."""
    spec = moving.spec
    fps = spec.fps or sweep.DEFAULT_FPS
    writer, rc = _writer(fmt, fps)
    with tempfile.TemporaryDirectory(prefix="sigplot-") as folder:
        path = Path(folder) / f"sweep.{fmt}"
        try:
            with (
                style_context(spec),
                mpl.rc_context(rc),
                writer.saving(moving.figure, str(path), dpi or spec.dpi),
            ):
                for i in range(len(moving)):
                    moving.show(i)
                    writer.grab_frame()
                    if progress:
                        progress(i + 1, len(moving))
        except (OSError, RuntimeError) as exc:  # the encoder failed (ffmpeg, Pillow, disk)
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise SigplotError("format", fmt, f"could not be written: {reason}") from exc
        data = path.read_bytes()
    moving.show(0)
    return _page(data, str(moving.figure.get_label() or "")) if fmt == "html" else data


def _page(fragment: bytes, alt: str) -> bytes:
    """matplotlib's HTML animation as a whole page, its random element id replaced by one
    from the frames' hash so the same sweep gives the same bytes."""
    text = fragment.decode("utf-8")
    found = re.search(r"_anim_img([0-9a-f]{32})", text)
    if found:
        random = found.group(1)
        stable = sha256(text.replace(random, "").encode()).hexdigest()[:32]
        text = text.replace(random, stable)
    title = html.escape(alt)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        "<style>body { margin: 0 auto; max-width: 60rem; padding: 1rem; font: 16px system-ui; }"
        " img { max-width: 100%; height: auto; }</style>\n"
        f'</head>\n<body>\n<main aria-label="{title}">\n{text}\n</main>\n</body>\n</html>\n'
    ).encode()


def grid(spec: FigureSpec) -> SigplotFigure:
    """Small multiples for a static format: a sweep's values, or (``layout = grid``) the
    functions of an overlay, one panel each with its title."""
    if spec.sweep is not None:
        values = sweep.values(spec, animated=False)
        frames = [sweep.frame(spec, v) for v in values]
        titles = sweep.captions(spec, values)
        argument = sweep.ARGUMENTS[spec.sweep[0]]
        shared = True
    else:
        frames = [dataclasses.replace(spec, functions=(f,), layout="overlay")
                  for f in spec.functions]  # fmt: skip
        titles = [CATALOG[f].words for f in spec.functions]
        argument = None
        shared = False
    panels = [(f, *computed(f), t) for f, t in zip(frames, titles, strict=True)]
    with style_context(spec):
        return draw_grid(spec, panels, shared=shared, argument=argument)


class SigplotAnimation(FuncAnimation):
    """A matplotlib FuncAnimation over a sweep's frames that Jupyter shows inline (as
    matplotlib's HTML player) with nothing else imported."""

    def __init__(self, moving: Sweep) -> None:
        self.sweep = moving
        fps = moving.spec.fps or sweep.DEFAULT_FPS
        super().__init__(moving.figure, moving.show, frames=len(moving), interval=1000 / fps,
                         blit=False, repeat=True)  # fmt: skip

    def _repr_html_(self) -> str:
        with mpl.rc_context({"animation.embed_limit": 2048.0}):
            return str(self.to_jshtml(fps=self.sweep.spec.fps or sweep.DEFAULT_FPS))
