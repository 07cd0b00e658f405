"""A small template language that writes annotated prose into a DocBuilder.

Templates are strings. Text outside braces is copied; a brace group is either a
token (``{M:…}``, ``{C:…}`` …) or a choice ``{a|b|c}`` whose alternatives are
templates themselves (``{x|}`` makes ``x`` optional). A leading guard
``@key>0,other=0,^stated@`` skips the template unless every condition holds (``^key``: the
key was already stated in prose, ``!key``: absent); a template
that names a value key absent from the report is skipped too.

Tokens (``key`` is a flat indicator key of the report's values):

=====================  ==============================================================================
``{M:phrase}``         METRIC; later numbers of the template take value_of to it (alternatives a|b)
``{C:key:mw:st}``      COUNT/MONEY of the value of ``key`` with measure word(s) ``mw`` (a|b) and style
                       flags ``st``: x = approximations allowed (近/余/多/约/以上), n = Chinese numerals
                       for small numbers, w = 万 forms; the gold indicator gets the span as evidence.
                       ``key>`` links to the NEXT METRIC, ``key!`` takes no relation.
``{N:mw:lo-hi:st}``    a COUNT that no schema key records (``!`` after mw: no relation)
``{MY:key}``           MONEY of a 万元 / 元 key
``{S:base}``           PERCENT share of the last number over the value of ``base``
``{R:key}``            PERCENT stated for a % key;  ``{PCT:lo-hi}`` an untracked PERCENT
``{Z:key:phrase}``     METRIC stating zero (未发生…行政复议); ``key`` gets reported_zero ('-': none)
``{A:role}``           AGENCY: self short div divs gov govfull govoffice state hall archive library ban
                       peer (another department) nation (a national organ) upper (党中央、国务院和省委、省政府)
``{D:form}``           DATE: year yeard range month day nextyear yearend
``{T:kind}``           《TITLE》: law provlaw system guide local
``{CITE}``             a citation: [AGENCY]《TITLE》（DOCNUM） with number_of / issued_by
``{P}``                PERSON;  ``{LEAD}`` the leader's title (局长, 厅长 …);  ``{SELF}`` 我局 / 本机关
=====================  ==============================================================================
"""

from __future__ import annotations

import math
import random
import re
from typing import Any

from govie.schema import load_schema

from .builder import DocBuilder
from .lexicon import (GUIDE_TITLES, LOCAL_TITLE_TEMPLATES, MINISTRY_DECREES, NATIONAL_DOCS, NATIONAL_ORGANS,
                      SYSTEM_TITLES, Agency, docnum, peer_agency, person, upper_organs)

_ROADS = ("人民路", "解放大道", "建设路", "中山路", "朝阳大街", "新华路", "府前街", "迎宾大道", "政务中心", "行政中心")
_KEYS = re.compile(r"\{(?:C|MY|S|R|Z):([a-z0-9_]+)")
_STATED = re.compile(r"\{(?:C|MY|R|Z):([a-z0-9_]+)")
_GUARD = re.compile(r"^@([^@]*)@")
_CN = "零一二三四五六七八九十"
_SCHEMA = load_schema()


def _short_place(place: str) -> str:
    for suf in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "省", "市", "县", "区", "旗", "地区", "盟"):
        if place.endswith(suf) and len(place) > len(suf) + 1:
            return place[: -len(suf)]
    return place


def _split_top(s: str, ch: str = "|") -> list[str]:
    out, depth, cur = [], 0, []
    for c in s:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        if c == ch and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    out.append("".join(cur))
    return out


def _parse(s: str) -> list[tuple[str, Any]]:
    """Returns [('text', str) | ('tok', str) | ('choice', [alternatives])] for a template string."""
    out: list[tuple[str, Any]] = []
    i, n = 0, len(s)
    buf: list[str] = []
    while i < n:
        c = s[i]
        if c != "{":
            buf.append(c)
            i += 1
            continue
        if buf:
            out.append(("text", "".join(buf)))
            buf = []
        depth, j = 0, i
        while j < n:
            if s[j] == "{":
                depth += 1
            elif s[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        inner = s[i + 1:j]
        i = j + 1
        if re.match(r"^(?:[A-Z]+)(?::|$)", inner):
            out.append(("tok", inner))
        else:
            out.append(("choice", [_parse(a) for a in _split_top(inner)]))
    if buf:
        out.append(("text", "".join(buf)))
    return out


_PARSED: dict[str, tuple[list[tuple[str, str, float]], list[str], list, set[str]]] = {}


def _compile(t: str):
    got = _PARSED.get(t)
    if got is None:
        guard: list[tuple[str, str, float]] = []
        m = _GUARD.match(t)
        body = t
        if m:
            for cond in filter(None, m.group(1).split(",")):
                mm = re.match(r"^([!^]?)([a-z0-9_]+)(?:(>=|<=|[<>=])(-?[\d.]+))?$", cond)
                if not mm:
                    raise ValueError(f"bad guard {cond!r} in {t!r}")
                neg, key, op, val = mm.groups()
                guard.append((key, (neg or "") + (op or ""), float(val) if val else 0.0))
            body = t[m.end():]
        got = (guard, sorted(set(_KEYS.findall(body))), _parse(body), set(_STATED.findall(body)))
        _PARSED[t] = got
    return got


def fmt_count(rng: random.Random, v: int | float, measure: str, style: str) -> tuple[str, int | float, str]:
    """Returns (text, stated value, qualifier) for a count; the stated value is what the text says."""
    v = int(v)
    if "n" in style and 2 <= v <= 10 and rng.random() < 0.55:
        word = "两" if v == 2 and (measure[:1] in "名个次场位家项份期件条篇" or rng.random() < 0.5) else _CN[v]
        return word + measure, v, "exact"
    if "x" in style and v >= 60 and rng.random() < 0.55:
        form = rng.choice(["余", "多", "约", "近", "超过", "以上", "万"] if v >= 10000 else
                          ["余", "多", "约", "近", "超过", "以上"])
        mag = 10 ** max(1, len(str(v)) - 2)
        down, up = v // mag * mag, math.ceil(v / mag) * mag
        if form in ("余", "多"):
            if v >= 10000 and rng.random() < 0.4:
                return f"{down / 10000:g}万{form}{measure}", down, "at_least"
            return f"{down}{form}{measure}", down, "at_least"
        if form == "约":
            return f"约{up}{measure}", up, "approx"
        if form == "近":
            if v >= 10000:
                w = math.ceil(v / 10000)
                return f"近{w}万{measure}", w * 10000, "approx"
            return f"近{up}{measure}", up, "approx"
        if form == "超过":
            return f"超过{down}{measure}", down, "at_least"
        if form == "以上":
            return f"{down}{measure}以上", down, "at_least"
        w = round(v / 10000, 1 if v < 100000 else 2)
        return f"{w:g}万{measure}", round(w * 10000), "exact"
    if "w" in style and v >= 10000 and v % 100 == 0 and rng.random() < 0.5:
        return f"{v / 10000:g}万{measure}", v, "exact"
    if v >= 10000 and rng.random() < 0.05:
        return f"{v:,}{measure}", v, "exact"
    return f"{v}{measure}", v, "exact"


def fmt_money(rng: random.Random, v: int | float, unit: str) -> str:
    """Returns the text of an amount ``v`` given in ``unit`` (万元 or 元)."""
    if unit == "万元":
        if v and rng.random() < 0.25 and float(v * 10000).is_integer():
            return f"{int(v * 10000)}元"
        return f"{v:g}万元" if isinstance(v, float) else f"{v}万元"
    if v >= 10000 and v % 1000 == 0 and rng.random() < 0.4:
        return f"{v / 10000:g}万元"
    return f"{v:g}元" if isinstance(v, float) else f"{v}元"


def fmt_pct(rng: random.Random, p: float) -> str:
    if p >= 100 and rng.random() < 0.15:
        return "百分之百"
    if float(p).is_integer() and rng.random() < 0.7:
        return f"{int(p)}%"
    return f"{p:.{rng.choice([1, 2])}f}%"


class Writer:
    """Renders templates for one report into a DocBuilder."""

    def __init__(self, rng: random.Random, b: DocBuilder, agency: Agency, year: int,
                 values: dict[str, int | float], table_keys: set[str]) -> None:
        self.rng, self.b, self.ag, self.year = rng, b, agency, year
        self.values = values
        self.table_keys = table_keys
        self.used: set[str] = set()      # keys already stated in prose
        self.law_said = False
        self.cur_metric: int | None = None
        self.waiting: list[int] = []
        self.last: tuple[int | None, float] | None = None
        self.written: set[str] = set()  # a template is used once per report
        self.cited: dict[str, tuple[str, str]] = {}  # local title -> (issuer role, document number)
        self.repeatable: set[str] = set()
        host = "".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(rng.randint(2, 6)))
        self.url = f"www.{host}.gov.cn"

    # -- public ---------------------------------------------------------------------------------
    def ok(self, template: str) -> bool:
        guard, keys, _, stated = _compile(template)
        if template in self.written:
            return False
        return (all(k in self.values for k in keys) and not (stated & self.used)
                and all(self._cond(*g) for g in guard))

    def write(self, template: str) -> bool:
        """Renders one template; returns False (writing nothing) when its guard or keys fail."""
        if not self.ok(template):
            return False
        self.cur_metric, self.waiting, self.last = None, [], None
        self._render(_compile(template)[2])
        if not template.startswith("{FILL}") and template not in self.repeatable:
            self.written.add(template)
        return True

    def pick(self, templates: list[str], k: int = 1) -> int:
        """Writes up to ``k`` templates drawn from ``templates`` (those that apply); returns how many."""
        pool = [t for t in templates if self.ok(t)]
        self.rng.shuffle(pool)
        done = 0
        for t in pool[:k]:
            done += self.write(t)
        return done

    # -- internals ------------------------------------------------------------------------------
    def _cond(self, key: str, op: str, val: float) -> bool:
        if op.startswith("^"):  # the key was already stated in prose
            return key in self.used
        neg = op.startswith("!")
        op = op.lstrip("!")
        if not op:
            res = key in self.values
        elif key not in self.values:
            res = False
        else:
            x = self.values[key]
            res = {">": x > val, "<": x < val, "=": x == val, ">=": x >= val, "<=": x <= val}[op]
        return not res if neg else res

    def _render(self, parts: list[tuple[str, Any]]) -> None:
        for kind, x in parts:
            if kind == "text":
                self.b.text(x)
            elif kind == "choice":
                self._render(self.rng.choice(x))
            else:
                self._token(x)

    def _metric(self, phrase: str) -> int | None:
        h = self.b.add(self.rng.choice(phrase.split("|")), "METRIC")
        for w in self.waiting:
            self.b.rel(w, h, "value_of")
        self.waiting = []
        self.cur_metric = h
        return h

    def _link(self, h: int | None, mode: str) -> None:
        if mode == "!":
            return
        if mode == ">":
            self.waiting.append(h)  # type: ignore[arg-type]
        elif self.cur_metric is not None:
            self.b.rel(h, self.cur_metric, "value_of")

    def _token(self, tok: str) -> None:
        name, _, arg = tok.partition(":")
        rng, b, ag = self.rng, self.b, self.ag
        if name == "M":
            self._metric(arg)
        elif name == "C":
            key, *rest = arg.split(":")
            mode = key[-1] if key[-1] in ">!" else ""
            key = key.rstrip(">!")
            unit = _SCHEMA.unit(key)
            measures = rest[0] if rest and rest[0] else unit
            style = rest[1] if len(rest) > 1 else ""
            if key in self.table_keys:
                style = style.replace("x", "").replace("w", "")
            v = self.values[key]
            if _SCHEMA.kind(key) == "money":
                text, stated, q = fmt_money(rng, v, unit), v, "exact"
                label = "MONEY"
            else:
                text, stated, q = fmt_count(rng, v, rng.choice(measures.split("|")), style)
                label = "COUNT"
            h = b.add(text, label)
            self._link(h, mode)
            status = "merged" if key.startswith("app_res_granted_or_partial") else None
            b.indicator(key, stated, qualifier=q, handle=h, unit=unit,
                        status=status if stated else None)
            self.used.add(key)
            self.last = (h, v)
        elif name == "MY":
            key = arg.rstrip(">!")
            unit = _SCHEMA.unit(key)
            h = b.add(fmt_money(rng, self.values[key], unit), "MONEY")
            self._link(h, arg[-1] if arg[-1] in ">!" else "")
            b.indicator(key, self.values[key], handle=h, unit=unit)
            self.used.add(key)
        elif name == "N":
            parts = arg.split(":")
            mw = parts[0]
            rngs = parts[1] if len(parts) > 1 else "1-9"
            st = parts[2:]
            mode = "!" if mw.endswith("!") else ""
            mw = mw.rstrip("!")
            lo, hi = (int(x) for x in rngs.split("-"))
            v = rng.randint(lo, hi)
            text, _, _ = fmt_count(rng, v, rng.choice(mw.split("|")), st[0] if st else "")
            h = b.add(text, "COUNT")
            self._link(h, mode)
            self.last = (h, v)
        elif name == "S":
            base = self.values.get(arg) or 0
            if not self.last or not base:
                b.text("")
                return
            p = round(self.last[1] / base * 100, 2)
            h = b.add(fmt_pct(rng, p), "PERCENT")
            self._link(h, "")
        elif name == "R":
            v = self.values[arg]
            text = fmt_pct(rng, v)
            h = b.add(text, "PERCENT")
            self._link(h, "")
            stated = 100.0 if text == "百分之百" else float(text.rstrip("%"))
            b.indicator(arg, int(stated) if stated.is_integer() else stated, handle=h, unit="%")
        elif name == "PCT":
            lo, hi = (float(x) for x in arg.split("-"))
            p = round(rng.uniform(lo, hi), 1) if hi < 100 or rng.random() < 0.5 else 100
            h = b.add(fmt_pct(rng, p), "PERCENT")
            self._link(h, "")
        elif name == "Z":
            key, _, phrase = arg.partition(":")
            h = self._metric(phrase)
            if key != "-":
                b.indicator(key, 0, status="reported_zero", handle=h, unit=_SCHEMA.unit(key), prefer=False)
                self.used.add(key)
        elif name == "A":
            self._agency(arg)
        elif name == "D":
            self._date(arg)
        elif name == "T":
            self._title(arg)
        elif name == "CITE":
            self._cite()
        elif name == "P":
            b.add(person(rng), "PERSON")
        elif name == "LEAD":
            b.text(self._lead_title())
        elif name == "SELF":
            b.text(ag.self_ref)
        elif name == "FILL":
            from .templates import FILL
            self._render(_compile(rng.choice(FILL))[2])
        elif name == "SITE":
            b.text(self.site())
        elif name == "ADDR":
            floor = rng.choice(["", "", f"{rng.randint(2, 9)}楼"])
            b.text(f"{ag.place}{rng.choice(_ROADS)}{rng.randint(1, 300)}号{floor}")
        elif name == "ZIP":
            b.text(f"{rng.randint(10, 85)}{rng.randint(0, 9999):04d}")
        elif name == "PHONE":
            b.text(f"0{rng.randint(10, 999)}-{rng.randint(2000000, 89999999)}")
        elif name == "ACCOUNT":
            b.text(_short_place(ag.place) + rng.choice(["发布", "政务", "微政务", "之窗", "在线"]))
        else:
            raise ValueError(f"unknown token {tok!r}")

    def _lead_title(self) -> str:
        n = self.ag.name
        if n.endswith("厅"):
            return self.rng.choice(["厅长", "副厅长", "副厅长"])
        if n.endswith(("委员会", "管委会")) or n.endswith("办公室"):
            return self.rng.choice(["主任", "副主任", "副主任"])
        if n.endswith("人民政府"):
            return self.rng.choice({"province": ["副省长"], "city": ["副市长"]}.get(
                self.ag.level, ["副县长", "副区长", "副镇长"] if self.ag.level != "town" else ["副镇长", "镇长"]))
        if n.endswith(("中心", "办事处")):
            return self.rng.choice(["主任", "副主任"])
        if self.ag.level == "town":
            return self.rng.choice(["镇长", "副镇长", "乡长", "副乡长"][:2] if "镇" in n else ["乡长", "副乡长"])
        return self.rng.choice(["局长", "副局长", "副局长"])

    def _agency(self, role: str) -> None:
        rng, b, ag = self.rng, self.b, self.ag
        pre = ag.pre or {"province": "省", "city": "市", "county": ag.gov_short[:1], "town": ag.gov_short[:1],
                         "zone": "区"}[ag.level]
        if role == "self":
            b.add(ag.name, "AGENCY")
        elif role == "short":
            b.add(ag.short if rng.random() < 0.8 else ag.name, "AGENCY")
        elif role == "div":
            d = rng.choice(ag.divisions)
            if ag.kind == "dept" and rng.random() < 0.3 and d == "办公室":
                d = ag.self_ref[-1] + d
            b.add(d, "AGENCY")
        elif role == "divs":
            ds = rng.sample(ag.divisions, k=min(len(ag.divisions), rng.randint(2, 3)))
            for i, d in enumerate(ds):
                if i:
                    b.text("、")
                b.add(d, "AGENCY")
        elif role == "gov":
            b.add(ag.gov_short, "AGENCY")
        elif role == "govfull":
            b.add(ag.gov_full, "AGENCY")
        elif role == "govoffice":
            b.add(ag.gov_office, "AGENCY")
        elif role == "state":
            b.add(rng.choice(["国务院", "国务院办公厅", "国务院办公厅"]), "AGENCY")
        elif role == "hall":
            halls = ["政务服务中心", "行政服务中心"] + (["市民服务中心"] if pre == "市" else [])
            b.add(pre + rng.choice(halls), "AGENCY")
        elif role == "archive":
            b.add(pre + "档案馆", "AGENCY")
        elif role == "library":
            b.add(pre + "图书馆", "AGENCY")
        elif role == "ban":
            b.add(pre + rng.choice(["政务公开办", "政务公开领导小组办公室", "政府信息公开办公室"]), "AGENCY")
        elif role == "peer":
            b.add(peer_agency(rng, ag.level, pre, ag.place, self.year), "AGENCY")
        elif role == "nation":
            b.add(rng.choice(NATIONAL_ORGANS), "AGENCY")
        elif role == "upper":  # 党中央、国务院和省委、省政府: pairs joined by 、, groups by 和
            names = upper_organs(rng, ag.level, pre)
            for i, n in enumerate(names):
                if i:
                    b.text("和" if i % 2 == 0 and rng.random() < 0.6 else "、")
                b.add(n, "AGENCY")
        else:
            raise ValueError(role)

    def date_text(self, form: str) -> tuple[str | None, str, str | None]:
        """Returns (prefix, DATE span, suffix) of a date form."""
        rng, y = self.rng, self.year
        if form == "year":
            return None, f"{y}年", None
        if form == "yeard":
            return None, f"{y}年度", None
        if form == "nextyear":
            return None, f"{y + 1}年", None
        if form == "yearend":
            return None, f"{y}年12月31日" if rng.random() < 0.7 else "12月31日", None
        if form == "range":
            c = rng.randrange(6)
            if c == 0:
                return "自", f"{y}年1月1日起至{y}年12月31日", "止"
            if c == 1:
                return "为", f"{y}年1月1日至12月31日", None
            if c == 2:
                return "自", f"{y}年1月1日至{y}年12月31日", "止"
            if c == 3:
                return "为", f"{y}年1月1日到{y}年12月31日", None
            if c == 4:
                return "自", f"{y}年1月1日起至{y}年12月31日", None
            return "是", f"{y}年1月1日—{y}年12月31日", None
        if form == "month":
            m = rng.randint(1, 12)
            return None, rng.choice([f"{m}月", f"{m}月份", f"{y}年{m}月"]), None
        if form == "day":
            m, d = rng.randint(1, 12), rng.randint(1, 28)
            return None, rng.choice([f"{y}年{m}月{d}日", f"{m}月{d}日"]), None
        raise ValueError(form)

    def _date(self, form: str) -> None:
        pre, span, suf = self.date_text(form)
        if pre:
            self.b.text(pre)
        self.b.add(span, "DATE")
        if suf:
            self.b.text(suf)

    def _title_text(self, kind: str) -> str:
        rng, ag = self.rng, self.ag
        if kind == "law":
            if self.law_said and rng.random() < 0.5:
                return "条例"
            self.law_said = True
            return "中华人民共和国政府信息公开条例"
        if kind == "provlaw":
            inner = rng.choice(["<中华人民共和国政府信息公开条例>", "〈中华人民共和国政府信息公开条例〉"])
            return rng.choice([f"{ag.prov}实施{inner}办法", f"{ag.prov}政府信息公开规定",
                               f"{ag.prov}政务公开条例" if rng.random() < 0.3 else f"{ag.prov}实施{inner}办法"])
        if kind in ("system", "guide"):
            t = rng.choice(SYSTEM_TITLES if kind == "system" else GUIDE_TITLES)
            if rng.random() < (0.35 if kind == "system" else 0.6):
                return ag.name + (t[2:] if ag.name.endswith("政府") and t.startswith("政府") else t)
            return t
        if kind == "local":
            return rng.choice(LOCAL_TITLE_TEMPLATES).format(year=self.year)
        if kind == "feerule":
            return "政府信息公开信息处理费管理办法"
        raise ValueError(kind)

    def site(self) -> str:
        """Returns a website mention (plain text: websites are not AGENCY)."""
        rng, ag = self.rng, self.ag
        url = self.url
        return rng.choice([f"{ag.name}门户网站", f"“{ag.name}”网站（{url}）", f"{ag.short}网站", f"{url}",
                           f"“{_short_place(ag.place)}政府网”（{url}）"])

    def _title(self, kind: str) -> int | None:
        b = self.b
        # an AGENCY right before the title names its issuer (GUIDELINES: issued_by), unless the title names it
        issuer = b.segs[-1] if b.segs and b.segs[-1].label == "AGENCY" else None
        b.text("《")
        title = self._title_text(kind)
        h = b.add(title, "TITLE")
        b.text("》")
        if issuer is not None and not title.startswith(issuer.text):
            b.rel(h, issuer.handle, "issued_by")
        return h

    def _docnum(self, dn: str) -> str:
        rng = self.rng
        if rng.random() < 0.3:  # re-bracket a national number as printed elsewhere
            style = rng.choice(["[]", "［］", "﹝﹞", "()", "（）", "【】"])
            dn = dn.replace("〔", style[0]).replace("〕", style[1])
        return dn

    def _cite(self) -> None:
        rng, b, ag, y = self.rng, self.b, self.ag, self.year
        nat = [d for d in NATIONAL_DOCS if d[3][0] <= y + 1 <= d[3][1] + 1]
        shape = rng.random()
        if nat and shape < 0.35:
            title, dn, issuer, _ = rng.choice(nat)
            issuers = []
            if issuer and not title.startswith(issuer) and rng.random() < 0.6:
                for i, p in enumerate(issuer.split("、")):  # joint issuers: each issued it (中办、国办)
                    if i:
                        b.text("、")
                    issuers.append(b.add(p, "AGENCY"))
                b.text("印发的" if rng.random() < 0.3 else "")
            open_, close = rng.choice([("（", "）"), ("（", "）"), ("(", ")")])
            b.text("《")
            t = b.add(title, "TITLE")
            b.text("》" + open_)
            d = b.add(self._docnum(dn), "DOCNUM")
            b.text(close)
            b.rel(d, t, "number_of")
            for a in issuers:
                b.rel(t, a, "issued_by")
                b.rel(d, a, "issued_by")
            return
        if shape < 0.52 and rng.random() < 0.4:  # a ministry rule cited by its decree number
            issuer, title = rng.choice(MINISTRY_DECREES)
            b.text("《")
            t = b.add(title, "TITLE")
            b.text("》（")
            d = b.add(f"{issuer}令第{rng.randint(1, 60)}号", "DOCNUM")
            b.text("）")
            b.rel(d, t, "number_of")
            return
        if shape < 0.45:
            b.text("《")
            t = b.add("中华人民共和国政府信息公开条例", "TITLE")
            self.law_said = True
            b.text("》（")
            d = b.add("国务院令第711号" if y >= 2019 else "国务院令第492号", "DOCNUM")
            b.text("）")
            b.rel(d, t, "number_of")
            return
        # a local document: the superior government (office) or the agency itself issues it;
        # a title cited twice in one report keeps its issuer and number
        title = rng.choice(LOCAL_TITLE_TEMPLATES).format(year=y)
        if title not in self.cited:
            role = rng.choice(["govoffice", "gov", "self", "self"])
            code = ag.gov_code + ("办" if role == "govoffice" else "") if role in ("gov", "govoffice") else ag.code
            self.cited[title] = (role, docnum(rng, code, y if rng.random() < 0.8 else y - 1))
        issuer_role, number = self.cited[title]
        if issuer_role == "self" and rng.random() < 0.5:
            issuer_role = "short"
        named = rng.random() < 0.7
        a = None
        if named:
            name = {"govoffice": ag.gov_office, "gov": ag.gov_short, "self": ag.name, "short": ag.short}[issuer_role]
            a = b.add(name, "AGENCY")
            b.text(rng.choice(["印发的", "制定的", "", "", "下发的"]))
        b.text("《")
        t = b.add(title, "TITLE")
        b.text("》")
        if rng.random() < 0.85:
            open_, close = rng.choice([("（", "）"), ("(", ")"), ("（", "）")])
            b.text(open_)
            if rng.random() < 0.1 and "〔" in number:  # the issuer code left out: （〔2013〕103号）
                number = number[number.index("〔"):]
            d = b.add(number, "DOCNUM")
            b.text(close)
            b.rel(d, t, "number_of")
            if a is not None:
                b.rel(d, a, "issued_by")
        if a is not None:
            b.rel(t, a, "issued_by")
