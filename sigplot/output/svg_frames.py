"""Cutting a figure's SVG into what stays and what moves, for the explorer.

Each frame is drawn by matplotlib as a whole SVG, its moving artists marked by a ``gid``.
:func:`cut` takes the moving groups out of it: what is left (the skeleton) is the same in
every frame, and each run of moving groups between two static siblings is a *slot*, which
the page fills with the frame's content. Every ``<defs>`` entry (glyphs, markers, clip
paths) is lifted into one block, as a glyph is defined wherever matplotlib first used it.
Numbers are rounded to what the pixels need, path data made relative.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
MOVING = "sigplot-moving"  # the gid a moving artist wears while its frame is drawn
HALO = "sigplot-moving-halo"  # ... a moving text whose halo the page draws (paint-order)
_AUTO_ID = re.compile(r"[A-Za-z0-9.]+_\d+")  # matplotlib's own group ids: counters, unused
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)


def _tag(name: str) -> str:
    return f"{{{SVG}}}{name}"


@dataclass
class Cut:
    """One frame's SVG cut: its skeleton (moving runs replaced by empty slot groups), the
    content of each slot, and every definition by id."""

    skeleton: ET.Element
    slots: dict[str, str]
    defs: dict[str, str] = field(default_factory=dict)


def _number(tenths: int) -> str:
    """Tenths of a unit as the shortest SVG number: 15 -> 1.5, -5 -> -.5, 20 -> 2."""
    sign, n = ("-" if tenths < 0 else ""), abs(tenths)
    whole, frac = divmod(n, 10)
    text = (str(whole) if whole else "") + (f".{frac}" if frac else "")
    return sign + (text or "0")


def _join(numbers: list[int]) -> str:
    """Numbers as SVG path data, with a space only where the grammar needs one: not
    before a minus, nor before ``.5`` after a number that has its point already."""
    out, last = "", ""
    for n in numbers:
        word = _number(n)
        if last and not word.startswith("-") and not (word.startswith(".") and "." in last):
            out += " "
        out += word
        last = word
    return out


_COMMAND = re.compile(r"([MLQCZmlqcz])([^MLQCZmlqcz]*)")
_ARITY = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0, "z": 0}


def compact_path(d: str) -> str:
    """matplotlib's absolute path data at 0.1 units, written relative (an exact rewrite
    of the rounded path: each point is the rounded absolute one)."""
    out = []
    x = y = 0  # the current point, in tenths
    start = (0, 0)
    for command, args in _COMMAND.findall(d):
        if command not in _ARITY:  # relative already: leave the path alone
            return d
        if command in "Zz":
            out.append("z")
            x, y = start
            continue
        values = [round(float(v) * 10) for v in args.replace(",", " ").split()]
        arity = _ARITY[command]
        for i in range(0, len(values), arity):
            chunk = values[i : i + arity]
            deltas = []
            for k in range(0, arity, 2):
                deltas += [chunk[k] - x, chunk[k + 1] - y]
            x, y = chunk[arity - 2], chunk[arity - 1]
            if command == "M":
                start = (x, y)
            out.append(command.lower() + _join(deltas))
    return "".join(out)


_TRANSLATE = re.compile(r"translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)")


def _round(element: ET.Element) -> None:
    """Path data and positions at 0.1 units (a tenth of a point: under a pixel at any
    size the page shows), everywhere below ``element``."""
    for node in element.iter():
        d = node.get("d")
        if d is not None and node.tag == _tag("path"):
            node.set("d", compact_path(d))
        for key in ("x", "y", "width", "height"):
            value = node.get(key)
            if value is not None and re.fullmatch(r"-?\d+\.\d+", value):
                node.set(key, _number(round(float(value) * 10)))
        transform = node.get("transform")
        if transform:
            node.set("transform", _TRANSLATE.sub(
                lambda m: f"translate({_number(round(float(m[1]) * 10))} "
                f"{_number(round(float(m[2]) * 10))})", transform))  # fmt: skip
        if node.tag == _tag("use"):  # a glyph's advance: an x, not a transform
            found = re.fullmatch(r"translate\(([-\d.]+) 0\)", node.get("transform", ""))
            if found and "x" not in node.attrib:
                node.set("x", found[1])
                del node.attrib["transform"]
        node.text = node.text if node.text and node.text.strip() else None
        node.tail = None
        href = node.attrib.pop(f"{{{XLINK}}}href", None)
        if href is not None:  # SVG 2's href: what every current browser reads
            node.set("href", href)


def _halo(element: ET.Element, color: str, width: float) -> None:
    """A text's halo drawn by the browser: a stroke under its fill (paint-order), as wide
    in its glyphs' units as matplotlib's path effect is in points."""
    for node in element.iter(_tag("g")):
        found = re.search(r"scale\(([-\d.e]+)", node.get("transform", ""))
        if found and node.findall(_tag("use")):
            scale = abs(float(found[1]))
            style = node.get("style", "")
            node.set("style", f"{style}; stroke: {color}; stroke-width: {width / scale:.4g}; "
                     "stroke-linejoin: round; paint-order: stroke".lstrip("; "))  # fmt: skip


def _strip(element: ET.Element, defs: dict[str, str]) -> None:
    """Lift every ``<defs>`` child below ``element`` into ``defs`` and drop matplotlib's
    counter ids (they shift as moving artists come and go; nothing refers to them)."""
    for parent in list(element.iter()):
        for child in list(parent):
            if child.tag == _tag("defs"):
                for item in child:
                    _round(item)
                    defs.setdefault(item.get("id", ""), _text(item))
                parent.remove(child)
    for node in element.iter():
        if _AUTO_ID.fullmatch(node.get("id", "")):
            del node.attrib["id"]


def cut(svg: bytes, halos: dict[str, tuple[str, float]] | None = None) -> Cut:
    """Cut one frame's SVG (moving groups marked by :data:`MOVING`, or :data:`HALO` with
    ``halos[gid]`` = (colour, width in points) for their halo)."""
    root = ET.fromstring(svg)
    slots: dict[str, list[ET.Element]] = {}
    for parent in list(root.iter()):
        children = list(parent)
        if not any(c.get("id", "").startswith(MOVING) for c in children):
            continue
        # A slot at every gap between static children: frames differ in which they fill.
        kept: list[ET.Element] = []
        run: list[ET.Element] = []
        for child in [*children, None]:
            if child is not None and child.get("id", "").startswith(MOVING):
                run.append(child)
                continue
            name = f"{parent.get('id', 'root')}-{len(slots_of(kept))}"
            kept.append(ET.Element(_tag("g"), {"id": f"sigplot-slot-{name}"}))
            slots[name] = run
            run = []
            if child is not None:
                kept.append(child)
        for child in children:
            parent.remove(child)
        parent.extend(kept)
    defs: dict[str, str] = {}
    texts: dict[str, str] = {}
    for name, members in slots.items():
        parts = []
        for member in members:
            gid = member.attrib.pop("id")
            if gid.startswith(HALO) and halos and gid in halos:
                _halo(member, *halos[gid])
            _strip(member, defs)
            _round(member)
            parts.append(_text(member))
        texts[name] = "".join(parts)
    _strip(root, defs)
    _round(root)
    return Cut(root, texts, defs)


def _text(element: ET.Element) -> str:
    """An element as text, without the namespace declaration the page's SVG already has."""
    return ET.tostring(element, encoding="unicode").replace(f' xmlns="{SVG}"', "", 1)


def slots_of(children: list[ET.Element]) -> list[ET.Element]:
    """The static children among ``children`` (not slot groups)."""
    return [c for c in children if not c.get("id", "").startswith("sigplot-slot-")]


def skeleton_text(found: Cut) -> str:
    """The skeleton as text, to compare frames and to write the base of the page."""
    return ET.tostring(found.skeleton, encoding="unicode")
