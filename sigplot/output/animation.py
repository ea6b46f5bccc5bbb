"""A sweep as an animation: its frames handed to matplotlib's own movie writers (Pillow
for gif and webp, ffmpeg for mp4), and a FuncAnimation that Jupyter shows inline. (html
is the explorer: :mod:`sigplot.output.explorer`.)"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import matplotlib as mpl
from matplotlib.animation import FFMpegWriter, FuncAnimation, PillowWriter
from PIL import Image

from sigplot.maths.errors import SigplotError
from sigplot.output.files import private_folder
from sigplot.plot.look import style_context
from sigplot.plot.motion import Sweep
from sigplot.spec.formats import FORMATS
from sigplot.spec.parse import DEFAULT_FPS

Progress = Callable[[int, int], None]  # frames done, frames in all
MP4_HELP = (
    "needs ffmpeg: install it (apt install ffmpeg, brew install ffmpeg) or the extra "
    "that brings one: pip install 'sigplot[mp4]'"
)


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


class _PillowWriter(PillowWriter):
    """matplotlib's Pillow writer, which writes nothing when stopped before its first frame
    (Ctrl-C there): its own ``finish`` would raise IndexError over the interrupt."""

    _frames: list[Image.Image]  # PillowWriter's own, made in its setup

    def finish(self) -> None:
        if self._frames:
            super().finish()


class _PaletteGifWriter(_PillowWriter):
    """matplotlib's Pillow writer keeping each GIF frame as Pillow's GIF encoder would make
    it (a palette image, a byte a pixel, not four): the same bytes, a quarter of the memory
    for frames the writer holds until the end."""

    def grab_frame(self, **savefig_kwargs: Any) -> None:
        super().grab_frame(**savefig_kwargs)
        frame = self._frames[-1].convert("P", palette=Image.Palette.ADAPTIVE)
        if frame.palette is not None and frame.palette.mode == "RGBA":
            clear = next((c for c in frame.palette.colors if c[3] == 0), None)
            if clear is not None:  # as Pillow's GifImagePlugin._normalize_mode marks it
                frame.info["transparency"] = frame.palette.colors[clear]
        self._frames[-1] = frame


def _writer(fmt: str, fps: int) -> tuple[Any, Any]:
    """matplotlib's movie writer for ``fmt`` (the registry's ``writer``) and the rc
    settings it runs under."""
    writer = FORMATS[fmt].writer if fmt in FORMATS else ""
    if writer == "pillow":
        return (_PaletteGifWriter if fmt == "gif" else _PillowWriter)(fps=fps), {}
    if writer == "ffmpeg":
        bitexact = ["-pix_fmt", "yuv420p", "-fflags", "+bitexact", "-flags:v", "+bitexact",
                    "-map_metadata", "-1", "-threads", "1"]  # fmt: skip
        return FFMpegWriter(fps=fps, codec="libx264", extra_args=bitexact), {
            "animation.ffmpeg_path": _ffmpeg()
        }
    raise SigplotError("format", fmt, "cannot animate")


def animate(
    moving: Sweep, fmt: str, dpi: float | None = None, progress: Progress | None = None
) -> bytes:
    """The sweep as an animation in ``fmt`` (gif, webp or mp4), frame after frame in its
    one figure; ``progress`` hears of each frame written."""
    spec = moving.spec
    fps = spec.fps or DEFAULT_FPS
    writer, rc = _writer(fmt, fps)
    with private_folder() as folder:  # removed even after a kill: see files.private_folder
        path = folder / f"sweep.{fmt}"
        moving.figure.movie_frames = True
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
        finally:
            moving.figure.movie_frames = False
        data = path.read_bytes()
    moving.show(0)
    return data


class SigplotAnimation(FuncAnimation):
    """A matplotlib FuncAnimation over a sweep's frames that Jupyter shows inline (as
    matplotlib's HTML player) with nothing else imported."""

    def __init__(self, moving: Sweep) -> None:
        self.sweep = moving
        moving.figure.movie_frames = True  # its frames are matplotlib's to save
        fps = moving.spec.fps or DEFAULT_FPS
        super().__init__(moving.figure, moving.show, frames=len(moving), interval=1000 / fps,
                         blit=False, repeat=True)  # fmt: skip

    def _repr_html_(self) -> str:
        with mpl.rc_context({"animation.embed_limit": 2048.0}):
            return str(self.to_jshtml(fps=self.sweep.spec.fps or DEFAULT_FPS))
