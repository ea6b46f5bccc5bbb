"""The ``sigplot`` command: a thin click layer over the pipeline.

Only click and sigplot's light modules are imported at the top, so ``--help`` and
``--version`` never pay for numpy or matplotlib. Bad values become click usage errors
(exit 2) naming the option; failures while writing become one-line errors (exit 1).
"""

from __future__ import annotations

import contextlib
import gc
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import click

from sigplot import __version__
from sigplot.maths.errors import SigplotError, sigplot_warnings
from sigplot.output import terminal
from sigplot.output.command import OPTIONS as COMMAND_OPTIONS
from sigplot.output.command import join_words
from sigplot.spec.options import OPTIONS, FigureSpec, option_words

_EPILOG = """\b
Examples:
  sigplot --range -6 6 --out fig.svg       the sigmoid and its derivative, as SVG
  sigplot -d 0,1,2,3 --out orders.pdf      orders 0 to 3 of the sigmoid
  sigplot --preset post --out blog.png     the blog figure, exactly
  sigplot --out - --format svg > fig.svg   bytes to stdout
  sigplot -f sigmoid,tanh --annotate --out cmp.png
  sigplot --gain 0.5,1,2,5 -d 0 --out gains.svg
  sigplot --tangent 1 --out tangent.svg    the tangent at z = 1, its slope on sigma'
  sigplot list                             the functions sigplot knows
  sigplot info silu                        what a function is, and its names
"""


def _help(text: str, flag: bool, default: str | None) -> str:
    """A --help line from a declared help text and default."""
    text = text[0].upper() + text[1:] + "."
    return text if flag or default is None else f"{text}  [default: {default}]"


def _completer(words: Callable[[], Sequence[str]], many: bool = False) -> Any:
    """A click shell_complete: the words that start as typed; in a list, the last word
    after a comma is completed and the ones before it kept."""
    from click.shell_completion import CompletionItem

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        done, _, part = incomplete.rpartition(",") if many else ("", "", incomplete)
        prefix = f"{done}," if done else ""
        return [CompletionItem(prefix + w) for w in words() if w.startswith(part)]

    return complete


def _formats() -> list[str]:
    from sigplot.output.encode import formats  # matplotlib: only when a shell completes --format

    return list(formats())


def _figure_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """A click option for each figure option the spec declares, taking text as it is typed:
    the spec's parsers read it, as they read TOML, directive and Python values."""
    defaults = FigureSpec()
    for name, option in reversed(OPTIONS.items()):
        decls = [f"--{name}", *([option.short] if option.short else []), f"{name}_"]
        value = getattr(defaults, name)
        shown = None if value is None else " ".join(option_words(name, value))
        help_ = _help(option.help, option.flag, shown)
        if option.flag:
            command = click.option(*decls, is_flag=True, default=None, help=help_)(command)
        else:
            complete = _completer(option.choices, option.many) if option.choices else None
            command = click.option(
                *decls, type=str, multiple=option.many, metavar=option.metavar, help=help_,
                shell_complete=complete,
            )(command)  # fmt: skip
    return command


def _command_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """A click option for each of the command's own options, as output/command.py declares
    them (``--format`` reaches ``main`` as ``fmt``)."""
    for option in reversed(COMMAND_OPTIONS):
        decls = [*([option.short] if option.short else []), f"--{option.name}"]
        decls += ["fmt"] if option.name == "format" else []
        shown = None if option.shown_default == "none" else option.shown_default.replace("`", "")
        help_ = _help(option.help, option.flag, shown)
        if option.flag:
            command = click.option(*decls, is_flag=True, default=None, help=help_)(command)
        elif option.choices:
            command = click.option(*decls, type=click.Choice(option.choices), help=help_)(command)
        else:
            complete = _completer(_formats) if option.name == "format" else None
            command = click.option(*decls, metavar=option.metavar, help=help_,
                                   shell_complete=complete)(command)  # fmt: skip
    return command


class _Sigplot(click.Group):
    """The command group, reading two-word options as one text (see join_words)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, join_words(args))

    def invoke(self, ctx: click.Context) -> Any:
        """Ctrl-C ends any command with 130 (128 + SIGINT), as a shell reports it, not
        click's "Aborted!" and 1, nor the traceback of an error it caused; a reader
        closing a pipe early (``| head``) ends it quietly with 141, stdout pointed at
        devnull so the exit-time flush cannot fail again."""
        import os
        import sys

        with _noting_sigint() as interrupted:
            try:
                done = super().invoke(ctx)
                if interrupted.is_set():  # its KeyboardInterrupt swallowed where it landed
                    raise KeyboardInterrupt
                return done
            except KeyboardInterrupt:
                click.echo("\ninterrupted", err=True)
                ctx.exit(130)
            except BrokenPipeError:
                if sys.stdout is not None:
                    with contextlib.suppress(OSError, ValueError):
                        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                ctx.exit(141)
            except Exception:
                # An interrupt that lands inside matplotlib's C++ (Agg converting a
                # transform) comes out as "ValueError: Invalid affine transformation
                # matrix" (CI, 2026-12-05): after a Ctrl-C any error is the interrupt's.
                if not interrupted.is_set():
                    raise
                click.echo("\ninterrupted", err=True)
                ctx.exit(130)


def _tty(stream: Any) -> bool:
    """Whether ``stream`` is a terminal; False for a closed one (``>&-`` makes it None)."""
    return stream is not None and stream.isatty()


@contextlib.contextmanager
def _frame_progress(animated: bool) -> Iterator[Callable[[int, int], None] | None]:
    """Told of each of an animation's frames: it stops at the next frame after a Ctrl-C
    whose KeyboardInterrupt was swallowed (see _noting_sigint), and on a terminal's
    stderr draws a progress bar. None for a still figure (click's bar, hidden, cost it
    6 ms of imports)."""
    import sys

    from sigplot.output.files import INTERRUPTED

    def stop_if_interrupted(done: int, total: int) -> None:
        if INTERRUPTED.is_set():
            raise KeyboardInterrupt

    if not animated:
        yield None
        return
    if not _tty(sys.stderr):
        yield stop_if_interrupted
        return
    with click.progressbar(length=1, label="frames", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            stop_if_interrupted(done, total)
            bar.length = total
            bar.update(1)
            if done == 1:  # time the rest from here: setting up is no frame's cost
                bar.start = bar.last_eta = time.time()
                bar.avg = []

        yield progress


def _to_stdout(data: bytes) -> None:
    """Write the figure to stdout; a reader that closes early (``| head``) ends us quietly."""
    import io
    import sys

    from sigplot.output.files import write_all

    if sys.stdout is None:
        raise click.ClickException("out: '-' cannot be written: stdout is closed")
    sys.stdout.flush()  # a BrokenPipeError here or below: see _Sigplot.invoke
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, io.UnsupportedOperation):  # a captured stream (tests)
        sys.stdout.buffer.write(data)
        return
    write_all(fd, data)


def _usage_error(err: SigplotError) -> click.BadParameter:
    return click.BadParameter(err.detail, param_hint=f"'--{err.field}'")


def _spec(raw: dict[str, Any]) -> FigureSpec:
    """Build the spec from click's values; empty multiples and None mean the default."""
    from sigplot.spec.options import build_spec

    options = {k.removesuffix("_"): (None if v == () else v) for k, v in raw.items()}
    try:
        return build_spec(**options)
    except SigplotError as err:
        raise _usage_error(err) from None


@click.group(
    cls=_Sigplot,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=_EPILOG,
)
@click.version_option(__version__, "-V", "--version", prog_name="sigplot")
@_figure_options
@_command_options
@click.pass_context
def main(
    ctx: click.Context,
    /,
    out: str | None,
    fmt: str | None,
    data: str | None,
    show: bool | None,
    show_as: str | None,
    **raw: Any,
) -> None:
    """Plot the logistic sigmoid, its derivatives and related activations to PNG, SVG,
    PDF and more.

    With no command, draws one figure from the options below.
    """
    if ctx.invoked_subcommand is not None:
        own = (out, fmt, data, show, show_as)  # in COMMAND_OPTIONS' order
        given = [k for k, v in raw.items() if v not in (None, ())]
        given += [o.name for o, v in zip(COMMAND_OPTIONS, own, strict=True) if v is not None]
        if given:
            names = ", ".join("--" + k.removesuffix("_") for k in given)
            raise click.UsageError(f"{names} draw one figure; they do not go with a command")
        return
    spec = _spec(raw)
    import os
    import sys

    from sigplot.output.command import PlanError, plan
    from sigplot.output.pipeline import produce

    _collect_again()
    try:
        planned = plan(spec, out, fmt, data, show, show_as, os.environ, _tty(sys.stdout))
    except PlanError as err:
        raise click.UsageError(str(err)) from None
    except SigplotError as err:
        raise _usage_error(err) from None
    try:
        with sigplot_warnings() as caught, _frame_progress(planned.animated) as progress:
            made = produce(spec, planned.targets, progress)
    except SigplotError as err:
        raise click.ClickException(str(err)) from None
    if planned.to_stdout and planned.figure is not None:
        _to_stdout(made.files[planned.figure])
    if planned.mode == "text":
        colour = terminal.colour_wanted(os.environ, _tty(sys.stdout))
        text = terminal.braille(made.curves, spec, terminal.width(os.environ), colour)
        click.echo(text, nl=False)
    elif planned.mode is not None and planned.picture is not None:
        _to_stdout(terminal.GRAPHICS[planned.mode](made.files[planned.picture]))
    for message in caught:
        click.echo(f"Warning: {message}", err=True)
    if made.curves.max_check_difference is not None:
        worst = made.curves.max_check_difference
        click.echo(f"check: max |analytic - finite difference| = {worst:.3g}", err=True)
    for written in planned.targets:  # with --out -, stdout carries the figure: on stderr
        if written.path is not None:
            click.echo(str(written.path), err=planned.to_stdout)


@main.command("list")
@click.argument("functions", nargs=-1, metavar="[FUNCTION]...")
def list_functions(functions: tuple[str, ...]) -> None:
    """List the functions sigplot draws (or those named, at their parameters, such as
    'hardtanh(min_val=-2)'): orders, values, formulas, parameters and kinks."""
    from sigplot.maths.report import listing

    try:
        click.echo("\n".join(listing(functions)))
    except SigplotError as err:
        raise click.BadParameter(err.detail, param_hint="'FUNCTION'") from None


@main.command("info")
@click.argument("function", metavar="FUNCTION")
@click.option("--json", "as_json", is_flag=True, help="The same as JSON.")
def info_command(function: str, as_json: bool) -> None:
    """What FUNCTION (a name, or a call such as 'elu(alpha=0.5)') is: its values, f(0) and
    f'(0), monotonicity, smoothness, extrema, steepest slope, saturation, kinks, and what
    PyTorch, JAX and Keras call it."""
    import json

    from sigplot.maths.report import info_data, info_lines

    try:
        text = json.dumps(info_data(function), indent=1) if as_json else None
        click.echo(text or "\n".join(info_lines(function)))
    except SigplotError as err:
        raise click.BadParameter(err.detail, param_hint="'FUNCTION'") from None


@main.command("gallery")
@click.argument("spec_file", metavar="SPEC", type=click.Path(dir_okay=False))
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False),
    help="Output folder.  [default: the spec's folder]",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes.  [default: one per core]"
)
@click.option("--force", is_flag=True, help="Rebuild every figure, changed or not.")
@click.option(
    "--check", "check_only", is_flag=True, help="Build nothing; exit 1 if anything is stale."
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Errors only: no progress bar, warnings or summary."
)
def gallery_command(
    spec_file: str,
    out_dir: str | None,
    jobs: int | None,
    force: bool,
    check_only: bool,
    quiet: bool,
) -> None:
    """Build the figures of a TOML gallery SPEC, with README.md and index.html.

    Only figures whose options, sigplot version or matplotlib version changed, or whose
    files are missing, are drawn again.
    """
    import os
    import sys
    from pathlib import Path

    from sigplot.web import gallery, gallery_build

    _collect_again()  # workers inherit the collector's state: never paused while they draw
    try:
        book = gallery.load(spec_file)
    except SigplotError as err:
        raise click.ClickException(str(err)) from None
    folder = Path(out_dir) if out_dir else Path(spec_file).resolve().parent
    title = "sigplot gallery"
    if check_only:
        reasons = gallery_build.check(book, folder, title)
        for problem in book.problems:
            click.echo(f"{problem.name}: {problem.reason}", err=True)
        for reason in reasons:
            click.echo(f"stale: {reason}", err=True)
        if reasons or book.problems:
            click.get_current_context().exit(1)
        click.echo(f"gallery: {len(book.entries)} figures up to date")
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(
            f"out-dir: {str(folder)!r} cannot be made: {exc.strerror}"
        ) from None
    show = not quiet and _tty(sys.stderr)  # the bar's length: counted only to be shown
    todo = (len(book.entries) if force else len(gallery.stale(book.entries, folder))) if show else 0
    show = show and todo > 0
    stop = threading.Event()
    with (
        _stop_on_sigint(stop),
        click.progressbar(length=todo, label="drawing", file=sys.stderr, hidden=not show) as bar,
    ):
        report = gallery_build.build(
            book,
            folder,
            title=title,
            jobs=jobs or os.cpu_count() or 1,
            force=force,
            tick=lambda: bar.update(1),
            stop=stop,
        )
    for problem in [] if quiet else report.warnings:
        click.echo(f"Warning: {problem.name}: {problem.reason}", err=True)
    for problem in report.failed:
        click.echo(f"Error: {problem.name}: {problem.reason}", err=True)
    if report.interrupted:
        done = len(report.built)
        click.echo(
            f"interrupted: {done} of {report.todo} figures finished and recorded; "
            f"build again to draw the other {report.todo - done}",
            err=True,
        )
        click.get_current_context().exit(130)
    if not quiet:
        click.echo(report.summary())
    if report.failed:
        click.get_current_context().exit(1)


@main.command("myst-plugin")
@click.argument("path", metavar="FILE")
@click.option(
    "--dark/--no-dark", default=True, show_default=True,
    help="A dark twin of each figure for myst-theme's dark mode (exports show both).",
)  # fmt: skip
def myst_plugin_command(path: str, dark: bool) -> None:
    """Write FILE, the executable plugin that turns ```{sigplot} directives into figures
    in mystmd and Jupyter Book 2: name it in myst.yml under
    project: plugins: - type: executable, path: FILE."""
    from sigplot.web.myst import write_plugin

    try:
        click.echo(str(write_plugin(path, dark)))
    except SigplotError as err:
        raise click.BadParameter(err.detail, param_hint="'FILE'") from None


_paused = False  # run() paused the cyclic garbage collector for the imports


def run() -> None:
    """The ``sigplot`` console script: :func:`main` as a process of its own.

    Python's cyclic garbage collector is paused while the drawing modules import (they
    make a million objects and no garbage; walking them again and again costs 45 ms), and
    what they made is then frozen out of later collections (``_collect_again``). At exit
    everything is frozen, so the interpreter does not walk every object once more on the
    way out (0.1 s). Files are written and closed before; nothing waits on a collection.
    """
    global _paused
    gc.disable()
    _paused = True
    try:
        main(prog_name="sigplot")
    finally:
        gc.freeze()


def _collect_again() -> None:
    """The drawing modules are in: freeze what exists, and collect from here on (a sweep's
    frames and a gallery's figures make garbage that must go)."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


@contextlib.contextmanager
def _on_sigint(handle: Callable[[int, Any], None]) -> Iterator[None]:
    """Ctrl-C handled by ``handle`` inside, the handler before it restored after; in a
    thread other than the main one (which alone receives signals) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _noting_sigint() -> Iterator[threading.Event]:
    """Ctrl-C as Python's default handler has it (KeyboardInterrupt where the main thread
    is), and an event set once it came: the files module's, so that nothing is written
    after it even where the KeyboardInterrupt was swallowed. Swallowed where Python cannot
    raise it (a weakref callback the garbage collector runs, a ``__del__``), it is not
    reported as an ignored exception with its traceback: the event carries it on. The
    event is cleared on the way out too: the library, saving later in the same process,
    writes again."""
    import sys

    from sigplot.output import files

    came = files.INTERRUPTED
    came.clear()
    report = sys.unraisablehook

    def handle(signum: int, frame: Any) -> None:
        came.set()
        signal.default_int_handler(signum, frame)

    def unraisable(raised: Any) -> None:
        if not (came.is_set() and isinstance(raised.exc_value, KeyboardInterrupt)):
            report(raised)

    sys.unraisablehook = unraisable
    try:
        with _on_sigint(handle):
            yield came
    finally:
        sys.unraisablehook = report
        came.clear()


def _stop_on_sigint(stop: threading.Event) -> contextlib.AbstractContextManager[None]:
    """While building, the first Ctrl-C sets ``stop`` (figures drawing finish, no new one
    starts); a second one interrupts at once, by the handler before (the command's, which
    notes it: see _noting_sigint)."""
    previous = signal.getsignal(signal.SIGINT)
    after = previous if callable(previous) else signal.default_int_handler

    def handle(signum: int, frame: Any) -> None:
        stop.set()
        signal.signal(signal.SIGINT, after)

    return _on_sigint(handle)
