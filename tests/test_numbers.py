"""Number normalization, specified by a table of cases; origin noted per case."""

from __future__ import annotations

import doctest

import pytest

import govie.schema.numbers as numbers
from govie.schema import parse_quantity, to_unit

# (span as printed, value in base unit, qualifier, unit); origin: phrasings of real reports
CASES = [
    ("近2万条", 20000, "approx", "条"),          # seed s002 (traditional: 近2萬條)
    ("近2萬條", 20000, "approx", "条"),
    ("12800多条", 12800, "at_least", "条"),      # s002
    ("3500余人次", 3500, "at_least", "人次"),    # guideline example
    ("两名", 2, "exact", "名"),                  # 两 -> 2
    ("0件", 0, "exact", "件"),
    ("480", 480, "exact", ""),                   # a table cell
    ("26.8万条", 268000, "exact", "条"),         # 蚌埠 2019 (INDICATORS_NOTES §2.3)
    ("1.2万余条", 12000, "at_least", "条"),
    ("十余件", 10, "at_least", "件"),
    ("千余条", 1000, "at_least", "条"),          # r019 style (千余条)
    ("近百条", 100, "approx", "条"),
    ("约300人", 300, "approx", "人"),
    ("超过500人", 500, "at_least", "人"),
    ("500人以上", 500, "at_least", "人"),
    ("不足10%", 10, "at_most", "%"),
    ("100%", 100, "exact", "%"),
    ("99.9%", 99.9, "exact", "%"),
    ("百分之百", 100, "exact", "%"),
    ("10万元", 100000, "exact", "元"),
    ("465.74", 465.74, "exact", ""),             # a 万元 table cell
    ("12,800条", 12800, "exact", "条"),
    ("１２３件", 123, "exact", "件"),            # full-width digits
    ("三次", 3, "exact", "次"),
    ("一百二十三件", 123, "exact", "件"),
    ("2400余场次", 2400, "at_least", "场次"),
    ("+1036", 1036, "exact", ""),                # F19 本年增/减
    ("-5", -5, "exact", ""),
]


@pytest.mark.parametrize("text,value,qualifier,unit", CASES)
def test_cases(text, value, qualifier, unit):
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.qualifier, q.unit) == (pytest.approx(value), qualifier, unit)


@pytest.mark.parametrize("text", ["很多", "", "若干", "数十家"])
def test_no_definite_number(text):
    assert parse_quantity(text) is None


def test_money_units():
    assert to_unit(2510000, "元", "万元") == 251
    assert to_unit(3, "件", "万元") == 3


def test_doctests():
    assert doctest.testmod(numbers).failed == 0
