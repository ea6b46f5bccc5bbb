"""FigureSpec: coercion from every kind of raw value, and one clear error per bad value."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from sigplot import FigureSpec, SigplotError, build_spec, describe


def test_defaults() -> None:
    spec = build_spec()
    assert spec == FigureSpec()
    assert spec.range == (-6.0, 6.0)
    assert spec.points == 1201
    assert spec.orders == (0, 1)
    assert spec.size == (9.0, 5.0)


def test_the_same_spec_from_cli_toml_and_directive_shaped_values() -> None:
    from_python = build_spec(range=(-2, 10), orders=[0, 1, 2], functions=["sigmoid"], points=501)
    from_text = build_spec(range="-2 10", orders="0, 1 2", functions="sigmoid", points="501")
    from_cli = build_spec(range=(-2.0, 10.0), orders=("0,1", "2"), functions=("sigmoid",))
    assert from_python == from_text
    assert from_cli == dataclasses.replace(from_python, points=1201)
    assert from_python.range == (-2.0, 10.0)
    assert from_python.orders == (0, 1, 2)


def test_spec_is_frozen_and_hashable() -> None:
    spec = build_spec()
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.points = 3  # type: ignore[misc]
    assert hash(spec) == hash(build_spec())


@pytest.mark.parametrize(
    ("options", "field", "shown"),
    [
        ({"range": (6, -6)}, "range", "6 -6"),
        ({"range": (1, 1)}, "range", "1 1"),
        ({"range": (0, float("inf"))}, "range", "inf"),
        ({"range": (float("nan"), 1)}, "range", "nan"),
        ({"range": "a b"}, "range", "'a'"),
        ({"range": (1, 2, 3)}, "range", "1 2 3"),
        ({"points": 0}, "points", "0"),
        ({"points": 1}, "points", "1"),
        ({"points": -5}, "points", "-5"),
        ({"points": 2.5}, "points", "2.5"),
        ({"points": 1_000_001}, "points", "1000001"),
        ({"points": True}, "points", "True"),
        ({"functions": "nope"}, "functions", "'nope'"),
        ({"functions": []}, "functions", ""),
        ({"orders": -1}, "orders", "-1"),
        ({"orders": 4}, "orders", "4"),
        ({"orders": "x"}, "orders", "'x'"),
        ({"preset": "fancy"}, "preset", "'fancy'"),
        ({"size": (0, 5)}, "size", "0 5"),
        ({"size": (9, -1)}, "size", "9 -1"),
        ({"size": (700, 5)}, "size", "700 5"),
        ({"size": (9, 5), "dpi": 10_000}, "size", "9 5"),
        ({"dpi": 0}, "dpi", "0"),
        ({"dpi": -100}, "dpi", "-100"),
        ({"title": 3}, "title", "3"),
        ({"legend": "middle"}, "legend", "'middle'"),
    ],
)
def test_bad_values_name_field_and_value(options: dict[str, Any], field: str, shown: str) -> None:
    with pytest.raises(SigplotError) as info:
        build_spec(**options)
    assert info.value.field == field
    assert shown in str(info.value)
    assert "\n" not in str(info.value)


def test_unknown_option_suggests_the_nearest() -> None:
    with pytest.raises(SigplotError, match="did you mean 'points'"):
        build_spec(point=3)


def test_legend_locations_are_normalised() -> None:
    assert build_spec(legend="Upper Left").legend == "upper left"
    assert build_spec(legend="none").legend == "none"


@pytest.mark.parametrize(
    ("options", "text"),
    [
        ({}, "The sigmoid and its first derivative for z from -6 to 6"),
        ({"orders": [0]}, "The sigmoid for z from -6 to 6"),
        ({"orders": [1, 2], "range": (-2, 10)},
         "The first and second derivatives of the sigmoid for z from -2 to 10"),
        ({"orders": [0, 1, 2, 3]},
         "The sigmoid and its first, second and third derivatives for z from -6 to 6"),
        ({"alt": "My words"}, "My words"),
    ],
)  # fmt: skip
def test_describe_gives_alt_text(options: dict[str, Any], text: str) -> None:
    assert describe(build_spec(**options)) == text
