"""The rules' COUNT spans (govie.rules.find_spans): a number with its measure word, not a duration or an ordinal."""

from __future__ import annotations

import pytest

from govie.rules import find_spans


@pytest.mark.parametrize("text, expected", [
    ("受理申请58件", ["58件"]),
    ("其中专职4人，其余17人为兼职", ["4人", "17人"]),   # an Arabic count before 为
    ("其中5件为依申请公开", ["5件"]),
    ("三个为民", []),                                  # a numeral word before 为
    ("两个为主", []),
    ("在20个工作日内答复", []),                         # durations
    ("历时3个月", []),
    ("第3件", []),                                     # an ordinal
    ("举办培训班两期", ["两期"]),
    ("", []),
])
def test_count_spans(text, expected):
    assert [text[s:e] for s, e, lab in find_spans(text) if lab == "COUNT"] == expected
