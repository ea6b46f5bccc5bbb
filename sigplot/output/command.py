"""The command's own options (beside the figure options FigureSpec declares) and the plan
of one command line: which targets to render from ``--out``, ``--format``, ``--data``,
``--show`` and ``--show-as``, checked before anything is drawn.

Pure planning: no click, no drawing, no matplotlib until a format is resolved; the CLI
builds its click options and the README builds its table rows from :data:`OPTIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sigplot.output import terminal
from sigplot.spec import budget
from sigplot.spec.formats import TEXT
from sigplot.spec.options import OPTIONS as FIGURE_OPTIONS
from sigplot.spec.options import FigureSpec, option_words

if TYPE_CHECKING:
    from sigplot.output.pipeline import Target

DEFAULT_OUT = "sigmoid.png"


@dataclass(frozen=True)
class CommandOption:
    """One of the command's own options, declared once: ``--name`` (``short``), what it
    takes (``metavar``, ``choices``, or a ``flag``), its help, and its default as the
    README shows it (``shown_default``; the --help line says it too unless ``flag``)."""

    name: str
    help: str
    shown_default: str
    metavar: str | None = None
    short: str | None = None
    flag: bool = False
    choices: tuple[str, ...] = ()


OPTIONS = (
    CommandOption("out", "figure file, or `-` for stdout", f"`{DEFAULT_OUT}`", "PATH", "-o"),
    CommandOption("format", "output format, overriding the extension", "from `--out`", "FMT"),
    CommandOption("data", "the sampled values as `.csv` or `.json`", "none", "PATH"),
    CommandOption("show", "draw the figure in the terminal (besides `--out` when given)", "off",
                  flag=True),
    CommandOption("show-as", "`text` (braille), `kitty`, `iterm2` or `sixel`; implies `--show`",
                  "from the terminal", "MODE", choices=terminal.MODES),
)  # fmt: skip


class PlanError(Exception):
    """A command line whose options do not go together; ``str()`` is one line."""


@dataclass(frozen=True)
class Plan:
    """What one command line renders: every target, the figure's (None: no figure file),
    the PNG a graphics terminal shows, how it is shown (``mode``), whether the figure goes
    to stdout, and whether the format animates a sweep (a progress bar is worth it)."""

    targets: list[Target]
    figure: Target | None
    picture: Target | None
    mode: str | None
    to_stdout: bool
    animated: bool


def plan(
    spec: FigureSpec,
    out: str | None,
    fmt: str | None,
    data: str | None,
    show: bool | None,
    show_as: str | None,
    environ: Mapping[str, str],
    stdout_is_terminal: bool,
) -> Plan:
    """The targets of one command line, checked: PlanError for options that do not go
    together, SigplotError (naming the option) for a bad value. Nothing is written."""
    mode = show_as or (terminal.detect(environ) if show else None)
    if mode == "text":
        budget.check_columns(terminal.width(environ))
    elif mode is not None:
        budget.check_show(spec, mode)
    if mode == "text" and (spec.sweep is not None or spec.layout == "grid"):
        raise PlanError(
            "--show as text draws one panel; drop --sweep and --layout grid, or show them "
            "with --show-as kitty, iterm2 or sixel"
        )
    target = out or (None if data or mode else DEFAULT_OUT)
    to_stdout = target == "-"
    if to_stdout and fmt is None:
        raise PlanError("--format is required with --out - (stdout has no extension)")
    if to_stdout and fmt and fmt.lower() not in TEXT and stdout_is_terminal:
        raise PlanError(
            f"--out - would write binary {fmt} to the terminal; redirect it (> fig.{fmt}) "
            "or pipe it"
        )
    from sigplot.output.data import data_format
    from sigplot.output.encode import resolve_format
    from sigplot.output.files import check_target
    from sigplot.output.pipeline import Target
    from sigplot.spec.sweep import animates, check_data, check_format

    if target and not to_stdout:
        check_target(target)
    fmt = resolve_format(None if to_stdout else target, fmt) if target else None
    if fmt:
        check_format(spec, fmt, *(("format", fmt) if to_stdout else ("out", str(target))))
    targets = [Target(data, data_format(data))] if data else []
    if data:
        check_target(data, "data")
        check_data(spec, data)
    figure = Target(None if to_stdout else target, fmt) if fmt else None
    picture = Target(None, "png") if mode and mode != "text" else None
    targets += [t for t in (figure, picture) if t is not None]
    return Plan(targets, figure, picture, mode, to_stdout, fmt is not None and animates(spec, fmt))


def join_words(args: list[str]) -> list[str]:
    """``--range -6 6`` -> ``--range "-6 6"``: options of several words reach the spec's
    parser as one text, so ``--range 1,2`` works as it does in TOML and the directive."""
    many = {f"--{n}": option.words for n, option in FIGURE_OPTIONS.items() if option.words > 1}
    out: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        out.append(word)
        i += 1
        if word == "--":
            return out + args[i:]
        if word in many and i < len(args):
            first = args[i]
            i += 1
            for _ in range(many[word] - 1):
                if "," in first or i >= len(args) or not second_word(args[i]):
                    break
                first = f"{first} {args[i]}"
                i += 1
            out.append(first)
    return out


def second_word(word: str) -> bool:
    """Whether ``word`` continues a two-word value: not an option, unless a number (-2)."""
    if not word.startswith("-"):
        return True
    try:
        float(word)
    except ValueError:
        return False
    return True


def options_table() -> str:
    """The README's option table, from the one declaration (tests/test_readme.py checks
    that the README holds exactly this)."""
    defaults = FigureSpec()
    rows = ["| option | meaning | default |", "| --- | --- | --- |"]
    for name, option in FIGURE_OPTIONS.items():
        short = f"{option.short}, " if option.short else ""
        words = f"{short}--{name}" + (f" {option.metavar}" if option.metavar else "")
        value = getattr(defaults, name)
        default = (
            "off"
            if option.flag
            else "none"
            if value is None
            else (f"`{' '.join(option_words(name, value))}`")
        )
        rows.append(f"| `{words.replace('|', chr(92) + '|')}` | {option.help} | {default} |")
    for command in OPTIONS:
        short = f"{command.short}, " if command.short else ""
        words = f"{short}--{command.name}" + (f" {command.metavar}" if command.metavar else "")
        rows.append(f"| `{words}` | {command.help} | {command.shown_default} |")
    rows.append("| `-V, --version`, `-h, --help` |  |  |")
    return "\n".join(rows) + "\n"
