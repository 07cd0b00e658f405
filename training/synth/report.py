"""Assembles one synthetic report (text, entities, relations, gold indicators) of a given format."""

from __future__ import annotations

import datetime as _dt
import random
from dataclasses import dataclass, field
from typing import Any

from govie.extract import prose_key_in_era
from govie.schema import load_schema

from . import tables as tb
from . import templates as tp
from . import values as vv
from .boilerplate import footer_lines, header_lines, page_meta
from .builder import DocBuilder, fullwidth_digits, halfwidth_punct, s2t
from .lexicon import Agency, make_agency
from .writer import Writer

FORMATS = ("narrative", "legacy_table", "national_2019", "national_2021")
ERA = {"narrative": "TXT", "legacy_table": "N14", "national_2019": "F19", "national_2021": "F21"}
YEARS = {"narrative": (2008, 2018), "legacy_table": (2014, 2018), "national_2019": (2019, 2020),
         "national_2021": (2021, 2025)}
_NUM = "一二三四五六七八九十"
_SCHEMA = load_schema()


@dataclass
class Options:
    """Mix of the generated corpus (see README.md)."""

    formats: dict[str, float] = field(default_factory=lambda: {"narrative": 0.3, "legacy_table": 0.2,
                                                               "national_2019": 0.2, "national_2021": 0.3})
    shapes: dict[str, float] = field(default_factory=lambda: {"pipe": 0.22, "tab": 0.1, "cell_line": 0.14,
                                                              "aligned": 0.12, "markdown": 0.08, "glued": 0.17,
                                                              "glued_line": 0.17})
    traditional_share: float = 0.12
    fullwidth_share: float = 0.06
    halfwidth_punct_share: float = 0.15
    boilerplate_share: float = 0.3
    page_meta_share: float = 0.35
    oneline_share: float = 0.06
    blank_zero_share: float = 0.15
    local_table_share: float = 0.3
    error_rate: float = 0.0

    @classmethod
    def from_kwargs(cls, **kw: Any) -> "Options":
        o = cls()
        for k, v in kw.items():
            if not hasattr(o, k):
                raise TypeError(f"unknown option {k!r}; options are {sorted(o.__dict__)}")
            if k in ("formats", "shapes"):
                base = dict.fromkeys(getattr(o, k), 0.0)
                unknown = set(v) - set(base)
                if unknown:
                    raise ValueError(f"unknown {k}: {sorted(unknown)}; choose from {sorted(base)}")
                base.update(v)
                v = base
            setattr(o, k, v)
        return o


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = [k for k, w in weights.items() if w > 0]
    return rng.choices(keys, [weights[k] for k in keys])[0]


class Report:
    def __init__(self, rng: random.Random, opts: Options, fmt: str | None = None) -> None:
        self.rng, self.opts = rng, opts
        self.fmt = fmt or _pick(rng, opts.formats)
        self.era = ERA[self.fmt]
        self.year = rng.randint(*YEARS[self.fmt])
        self.ag: Agency = make_agency(rng, self.year)
        self.scale = vv.scale_of(self.ag.level, self.ag.kind)
        self.b = DocBuilder()
        self.shape = _pick(rng, opts.shapes)
        self.oneline = rng.random() < opts.oneline_share
        if self.oneline:
            self.shape = "glued_line"
        self.injected: list[dict] = []
        self.values: dict[str, int | float] = {}
        self.table_keys: set[str] = set()
        self.local_table = False
        self.n14_short = False
        self.sec_style = rng.choices(["、", ".", "、", "．"], [8, 1, 1, 1])[0]
        self.sub_style = rng.choice(["（一）", "(一)", "1.", "1、", "（一）"])
        self.para_indent = rng.choice(["", "", "　　", "       ", "  "])
        self.blank_line = rng.random() < 0.4
        self.density = rng.choices([1, 2, 3, 4, 5, 6], [2, 4, 4, 3, 2, 1])[0]
        if self.fmt == "narrative":  # prose is all a narrative report has
            self.density = max(2, self.density)

    # -- values ---------------------------------------------------------------------------------
    def make_values(self) -> None:
        rng, s, v = self.rng, self.scale, self.values
        if self.era in ("F19", "F21"):
            pv = vv.prose_values(rng, s)
            v.update({k: pv[k] for k in ("pub_items_total", "pub_via_website", "pub_via_weixin", "resp_press_conf",
                                         "resp_policy_interpretations", "resp_hotspots", "resp_online_interviews",
                                         "train_courses", "train_trainees", "train_meetings")})
            t2 = (vv.table2_f21 if self.era == "F21" else vv.table2_f19)(rng, s, self.ag.kind)
            t3, t4 = vv.table3(rng, s, self.era), vv.table4(rng, s)
            for t in (t2, t3, t4):
                v.update(t)
                self.table_keys.update(t)
        elif self.era == "N14":
            self.local_table = rng.random() < self.opts.local_table_share
            lt = vv.legacy_table(rng, s)
            if self.local_table:
                keep = [k for _, _, k in tb.LOCAL_ROWS if k]
                lt = {k: lt[k] for k in keep if k in lt}
                lt["app_replied_legacy"] = lt["app_res_granted__total"] + lt["app_res_partial__total"] + \
                    lt["app_legacy_denied_total"]
                lt["app_received_total_legacy"] = lt["app_ch_in_person"] + lt["app_ch_online"] + \
                    lt["app_ch_letter"] + lt["app_ch_fax"]
                lt["app_replied_legacy"] = min(lt["app_replied_legacy"], lt["app_received_total_legacy"])
                self._fix_local(lt)
            else:
                self.n14_short = rng.random() < 0.25
                if self.n14_short:
                    for k in tb.n14_short_keys():
                        lt.pop(k, None)
            v.update(lt)
            self.table_keys.update(lt)
            pv = vv.prose_values(rng, s)
            v.update({k: x for k, x in pv.items() if k not in v and not k.startswith("attr_")})
        else:
            v.update(vv.prose_values(rng, s))
            v.update(self._legacy_prose_apps())
            n = 0 if rng.random() < 0.85 else rng.randint(1, 3)
            v.update(review_total=n, lit_all_total=0 if rng.random() < 0.9 else rng.randint(1, 2),
                     fee_legacy_collected=0, complaints_reports=0)
            if rng.random() < 0.5:
                del v["attr_info_produced"]
        if self.era in ("F19", "F21", "N14") and rng.random() < self.opts.error_rate:
            e = vv.inject_error(rng, v, self.era, self.table_keys)
            if e:
                self.injected.append(e)
        self._derive()

    def _fix_local(self, lt: dict) -> None:
        """Makes the local table's 答复 rows add up (granted + partial + denied = replied)."""
        rng = self.rng
        n = lt["app_received_total_legacy"]
        parts = vv._spread(rng, n, ("app_res_granted__total", "app_res_partial__total", "app_legacy_denied_total"),
                           [8, 2, 1])
        lt.update(parts)
        lt["app_replied_legacy"] = n

    def _legacy_prose_apps(self) -> dict[str, int]:
        rng, s = self.rng, self.scale
        ch = {"app_ch_online": vv._skewed(rng, 8 * s), "app_ch_letter": vv._skewed(rng, 2 * s),
              "app_ch_in_person": vv._skewed(rng, 3 * s)}
        if rng.random() < 0.3:
            ch = dict.fromkeys(ch, 0)
        new = sum(ch.values())
        cin = rng.randint(1, 4) if new and rng.random() < 0.2 else 0
        fwd = rng.randint(1, min(4, new)) if new > 2 and rng.random() < 0.2 else 0
        closed = new + cin - fwd
        out = vv._spread(rng, closed, ("app_res_granted__total", "app_res_partial__total", "app_legacy_denied_total",
                                       "app_legacy_not_this_agency", "app_legacy_info_not_exist"), [30, 6, 4, 8, 4])
        return {**ch, "app_new_received__total": new, "app_carried_over_in__total": cin,
                "app_carried_forward__total": fwd, "app_res_total__total": closed, **out}

    def _derive(self) -> None:
        v, rng = self.values, self.rng
        if self.era in ("F19", "F21"):
            for sub, rows in (("app_res_denied_total", vv.DENIED), ("app_res_unable_total", vv.UNABLE),
                              ("app_res_not_processed_total", vv.NP)):
                v[f"{sub}__total"] = sum(v[f"{r}__total"] for r in rows)
            if self.era == "F21":
                v["app_res_other_total__total"] = sum(v[f"{r}__total"] for r in vv.OTHER3)
            v["app_res_granted_or_partial__total"] = v["app_res_granted__total"] + v["app_res_partial__total"]
            v["app_new_received__legal_person_subtotal"] = sum(
                v[f"app_new_received__{c}"] for c in vv.COLS if c != "natural_person")
            v["lit_all_total"] = v["lit_direct_total"] + v["lit_after_review_total"]
            n = v["app_new_received__total"]
            parts = vv._spread(rng, n, ("app_ch_online", "app_ch_letter", "app_ch_in_person"), [6, 2, 1])
            v.update(parts)
            if self.era == "F21":
                if rng.random() < 0.85:
                    v["fee_proc_collected_amount"] = 0
                else:
                    k = rng.randint(1, 3)
                    v["fee_proc_notices_count"] = k
                    v["fee_proc_collected_amount"] = k * rng.choice([100, 200, 400, 150])
        elif self.era == "N14":
            v["app_new_received__total"] = v["app_received_total_legacy"]
            if not self.local_table:
                v["app_res_total__total"] = v["app_closed_legacy"]

    # -- text helpers ---------------------------------------------------------------------------
    def nl(self) -> None:
        self.b.text("\n\n" if self.blank_line else "\n")

    def heading(self, i: int, text: str) -> None:
        num = _NUM[i] if i < 10 else str(i + 1)
        self.b.text(f"{num}{self.sec_style}{text}")
        self.nl()

    def sub(self, i: int, text: str, inline: bool = False) -> None:
        st = self.sub_style
        num = {"（一）": f"（{_NUM[i]}）", "(一)": f"({_NUM[i]})", "1.": f"{i + 1}.", "1、": f"{i + 1}、"}[st]
        self.b.text(self.para_indent + num + text + ("。" if inline else ""))
        if not inline:
            self.nl()

    def para(self, w: Writer, pools: list[list[str]], k: int | None = None, indent: bool = True) -> int:
        """Writes one paragraph of up to k templates drawn from the pools; returns how many were written."""
        k = k if k is not None else self.density
        if indent:
            self.b.text(self.para_indent)
        done = 0
        for pool in (pools * 3)[: max(len(pools), 3 * k)]:
            if done >= k:
                break
            done += w.pick(pool, 1)
        if done == 0:
            w.write("{FILL}")
        self.nl()
        return done

    # -- the report -----------------------------------------------------------------------------
    def title_segs(self) -> list[tuple[str, str | None]]:
        ag, y, rng = self.ag, self.year, self.rng
        form = rng.randrange(6)
        if ag.is_government and rng.random() < 0.25:  # 平潭综合实验区2015年度…: a place, not an AGENCY (GUIDELINES)
            return [(ag.place, None), (f"{y}年度", "DATE"), ("政府信息公开工作年度报告", None)]
        if form == 0:
            return [(ag.name, "AGENCY"), (f"{y}年度", "DATE"), ("政府信息公开工作年度报告", None)]
        if form == 1:
            return [(ag.name, "AGENCY"), (f"{y}年", "DATE"), ("政府信息公开工作年度报告", None)]
        if form == 2:
            return [(ag.name, "AGENCY"), (f"{y}年", "DATE"), (rng.choice(["政府信息公开报告", "政府信息公开工作报告"]), None)]
        if form == 3:
            return [(f"{y}年度", "DATE"), ("政府信息公开工作年度报告", None)]
        if form == 4:
            return [(ag.name, "AGENCY"), ("\n", None), (f"{y}年度", "DATE"), ("政府信息公开工作年度报告", None)]
        return [(ag.name, "AGENCY"), ("关于", None), (f"{y}年度", "DATE"), ("政府信息公开工作情况的报告", None)]

    def pub_date(self) -> _dt.date:
        rng, y = self.rng, self.year
        gov_like = any(s in self.ag.name for s in ("人民政府", "管委会", "管理委员会"))
        last = _dt.date(y + 1, 1, 31) if y >= 2019 and not gov_like else _dt.date(y + 1, 3, 31)
        first = _dt.date(y + 1, 1, 5)
        d = first + _dt.timedelta(days=rng.randint(0, (last - first).days))
        if self.opts.error_rate and rng.random() < self.opts.error_rate * 0.15:
            late = last + _dt.timedelta(days=rng.randint(1, 60))
            self.injected.append({"key": "published", "true": d.isoformat(), "printed": late.isoformat()})
            d = late
        return d

    def build(self, doc_id: str) -> dict[str, Any]:
        rng, b, ag, opts = self.rng, self.b, self.ag, self.opts
        self.make_values()
        w = Writer(rng, b, ag, self.year, self.values, self.table_keys)
        w.repeatable.update(tp.FILLER_PARA)
        boiler = rng.random() < opts.boilerplate_share
        meta = rng.random() < opts.page_meta_share
        pub = self.pub_date()
        title = self.title_segs()
        published: str | None = None
        if boiler:
            b.text("\n".join(header_lines(rng, ag, self.year)) + "\n")
        if meta and rng.random() < 0.5:
            page_meta(b, rng, ag, (pub.year, pub.month, pub.day), title)
            published = pub.isoformat()
            meta = False
        for text, label in title:
            b.add(text, label)
        b.text("\n")
        if meta:
            page_meta(b, rng, ag, (pub.year, pub.month, pub.day), title)
            published = pub.isoformat()
        if self.era in ("F19", "F21"):
            self.national(w)
        else:
            self.legacy(w)
        late = any(e["key"] == "published" for e in self.injected)
        if rng.random() < 0.55 or not any(lab == "AGENCY" for _, lab in title) or (late and not published):
            sig = pub - _dt.timedelta(days=0 if late else rng.choice([0, 0, 0, 1, 2, 5]))
            b.text(rng.choice(["", "\n", "　　　　"]))
            b.add(ag.name, "AGENCY")
            b.text(rng.choice(["\n", "　　", "\n　　　　"]))
            b.add(self._sig_date(sig), "DATE")
            b.text("\n")
            published = published or sig.isoformat()
        if boiler:
            b.text("\n" + "\n".join(footer_lines(rng, ag)) + "\n")
        return self.finish(doc_id, published)

    def _sig_date(self, d: _dt.date) -> str:
        if self.rng.random() < 0.12:
            dig = "〇一二三四五六七八九"
            y = "".join(dig[int(c)] for c in str(d.year))
            return f"{y}年{_cn_small(d.month)}月{_cn_small(d.day)}日"
        return f"{d.year}年{d.month}月{d.day}日"

    def intro(self, w: Writer, sections: list[str] | None = None) -> None:
        rng, b = self.rng, self.b
        b.text(self.para_indent)
        w.pick(tp.INTRO)
        if sections and rng.random() < 0.4:
            b.text("本报告由" + "、".join(sections) + "等")
            n = len(sections)
            b.add(rng.choice([_NUM[n - 1] + "个", f"{n}个"]) if n <= 10 else f"{n}个", "COUNT")
            b.text("部分组成。")
        w.pick(tp.PERIOD)
        if rng.random() < 0.5:
            w.pick(tp.CONTACT)
        self.nl()

    # -- national (F19 / F21) -------------------------------------------------------------------
    def national(self, w: Writer) -> None:
        rng, b, v = self.rng, self.b, self.values
        self.intro(w)
        H = tp.HEAD_NATIONAL
        self.heading(0, rng.choice(H["overview"]))
        if rng.random() < 0.6:
            self.para(w, [tp.OVERVIEW], 1)
        subs = [rng.choice(x) for x in tp.SUB_F21]
        pools = [[tp.ACTIVE, tp.RESPONSE, tp.KEYAREAS, tp.ACTIVE], [tp.APPLY_ZERO + tp.APPLY, tp.APPLY_CHANNELS,
                                                       tp.APPLY_OUTCOME_NATIONAL, tp.REVIEW],
                 [tp.SYSTEMS, tp.SYSTEMS], [tp.PLATFORM, tp.PLATFORM], [tp.SUPERVISION, tp.TRAINING, tp.LEADERSHIP]]
        with_subs = self.era == "F21" or rng.random() < 0.6
        inline = rng.random() < 0.4
        for i, (name, pool) in enumerate(zip(subs, pools)):
            if with_subs:
                self.sub(i, name, inline=inline)
                if inline:
                    self.para(w, pool, indent=False)
                    continue
            self.para(w, pool)
            if self.density >= 3:
                self.para(w, [tp.FILLER_PARA, pool[0], tp.FILLER_PARA], 2 * (self.density - 2))
        # 二、Table 2
        self.heading(1, rng.choice(H["active"]))
        tb.render(b, tb.table2_f21(v) if self.era == "F21" else tb.table2_f19(v, rng), self.shape, rng)
        # 三、Table 3
        self.heading(2, rng.choice(H["apply"]))
        blank = rng.random() < self.opts.blank_zero_share
        keep = {e["key"] for e in self.injected}
        tb.render(b, tb.table3(v, self.era, rng, blank, keep), self.shape, rng)
        # 四、Table 4
        self.heading(3, rng.choice(H["review"]))
        all_zero = v["review_total"] == 0 and v["lit_direct_total"] == 0 and v["lit_after_review_total"] == 0
        if all_zero and not keep & {k for k in v if k.startswith(("review_", "lit_"))} and rng.random() < 0.2:
            self.para(w, [tp.REVIEW], 1)
        else:
            tb.render(b, tb.table4(v), self.shape, rng)
        # 五、六
        self.heading(4, rng.choice(H["problems"]))
        self.para(w, [tp.PROBLEMS, tp.IMPROVE], rng.randint(1, 2))
        self.heading(5, rng.choice(H["other"]))
        if self.era == "F21" and rng.random() < 0.7:
            pools6 = [[tp.FEES_F21], [tp.WORKPOINTS], [tp.NPC], [tp.INNOVATION]]
            for i, (name, pool) in enumerate(zip(tp.SUB_F21_OTHER, pools6)):
                if i and rng.random() < 0.3:
                    continue
                self.sub(i, name, inline=inline)
                self.para(w, pool, 1, indent=not inline)
        elif self.era == "F21":
            self.para(w, [tp.FEES_F21, tp.NPC], rng.randint(1, 2))
        else:
            self.para(w, [tp.OTHER_NONE, tp.NPC], 1)

    # -- narrative and legacy (TXT / N14) -------------------------------------------------------
    def legacy(self, w: Writer) -> None:
        rng, b = self.rng, self.b
        H = tp.HEAD_LEGACY
        n14 = self.era == "N14"
        order = ["overview", "active"]
        if n14 or rng.random() < 0.3:
            order.append("response")
        order.append("apply")
        if rng.random() < 0.2:
            order.append("consult")
        order += ["fees", "review"]
        if n14 and rng.random() < 0.5:
            order += ["org", "training"]
        order.append("problems")
        if rng.random() < 0.5 or n14:
            order.append("other")
        heads = {k: rng.choice(H[k]) for k in order}
        self.intro(w, [heads[k] for k in order])
        pools = {
            "overview": [[tp.OVERVIEW], [tp.LEADERSHIP], [tp.SYSTEMS], [tp.PLATFORM], [tp.SUPERVISION]],
            "active": [[tp.ACTIVE], [tp.KEYAREAS], [tp.ACTIVE, tp.CATEGORY_LISTS], [tp.KEYAREAS], [tp.RESPONSE]],
            "response": [[tp.RESPONSE], [tp.RESPONSE]],
            "apply": [[tp.APPLY_ZERO + tp.APPLY], [tp.APPLY_CHANNELS], [tp.APPLY_CARRY], [tp.APPLY_OUTCOME_LEGACY]],
            "consult": [[tp.CONSULT], [tp.CONSULT]],
            "fees": [[tp.FEES_LEGACY]],
            "review": [[tp.REVIEW], [tp.SUPERVISION[-1:]]],
            "org": [[tp.TRAINING], [tp.LEADERSHIP]],
            "training": [[tp.TRAINING]],
            "problems": [[tp.PROBLEMS], [tp.IMPROVE]],
            "other": [[tp.NPC, tp.OTHER_NONE]],
        }
        for i, key in enumerate(order):
            self.heading(i, heads[key])
            if key == "overview":
                n_sub = min(len(tp.NARRATIVE_SUBHEADS), rng.randint(1, 2 + self.density) if self.density > 1 else 1)
                names = rng.sample(tp.NARRATIVE_SUBHEADS, n_sub)
                numbered = n_sub > 1 and rng.random() < 0.7
                for j, name in enumerate(names):
                    inline = False
                    if numbered:
                        inline = rng.random() < 0.5
                        self.sub(j, name, inline=inline)
                    self.para(w, [pool[0] for pool in rng.sample(pools[key], len(pools[key]))], indent=not inline)
                continue
            if key == "apply":
                self.para(w, [p[0] for p in pools[key]], k=self.density + 1)
                continue
            if key == "other" and n14:
                self.para(w, pools[key][0], 1)
                self.stat_table(w)
                continue
            self.para(w, [p[0] if len(p) == 1 else rng.choice(p) for p in pools[key]],
                      1 if key in ("other", "fees") else None)
            if self.density >= 2 and key in ("active", "response", "problems"):
                for _ in range(self.density - 1):
                    self.para(w, [tp.KEYAREAS if key == "active" else pools[key][0][0], tp.FILLER_PARA],
                              self.density)
        if n14 and "other" not in order:
            self.stat_table(w)

    def stat_table(self, w: Writer) -> None:
        rng, b, ag, y = self.rng, self.b, self.ag, self.year
        b.text(rng.choice(["附件：", "附表：", "附：", ""]))
        title: list[tuple[str, str | None]]
        c = rng.randrange(3)
        if c == 0:
            title = [("政府信息公开情况统计表（", None), (f"{y}年度", "DATE"), ("）", None)]
        elif c == 1:
            title = [(ag.name, "AGENCY"), (f"{y}年", "DATE"), ("政府信息公开情况统计表", None)]
        else:
            title = [(ag.name, "AGENCY"), ("政府信息公开情况统计表", None)]
        if self.local_table:
            for text, label in title:
                b.add(text, label)
            b.text("\n" if not self.oneline else "")
            cum = {k: x + rng.randint(0, 50 * max(1, int(x))) for k, x in self.values.items()}
            tb.render(b, tb.legacy_local(self.values, cum, y), self.shape, rng)
        else:
            tb.render(b, tb.legacy_n14(self.values, title, self.n14_short), self.shape, rng)

    # -- output ---------------------------------------------------------------------------------
    def finish(self, doc_id: str, published: str | None) -> dict[str, Any]:
        rng, opts = self.rng, self.opts
        trad = rng.random() < opts.traditional_share
        fw = rng.random() < opts.fullwidth_share
        hw = rng.random() < opts.halfwidth_punct_share
        transforms = []
        if trad:
            transforms.append(s2t)
        if fw:
            transforms.append(fullwidth_digits)
        if hw:
            transforms.append(halfwidth_punct)
        if self.oneline:
            transforms.append(lambda t: t.replace("\n", ""))
        text, ents, rels, inds = self.b.finish(transforms)
        era = self.era
        # prose of an F19/F21 report states no key of the pre-2019 tables only (GUIDELINES changelog
        # 2026-12-03): 召开专题会议3次 there is an entity and a relation, not train_meetings (the table's keys
        # are all of its era)
        inds = {k: d for k, d in inds.items() if prose_key_in_era(k, era)}
        for key, d in inds.items():
            d["unit"] = _SCHEMA.unit(key)
        agency = s2t(self.ag.name) if trad else self.ag.name
        notes = "synthetic report (training/synth)"
        if self.shape.startswith("glued") and self.era != "TXT":
            notes += "; run-together table rows: cell values recorded without evidence spans"
        return {
            "id": doc_id, "text": text, "agency": agency, "year": self.year, "published": published,
            "format": self.fmt, "entities": ents, "relations": rels, "indicators": inds,
            "injected_errors": self.injected,
            "synth": {"era": era, "shape": self.shape if era != "TXT" else None, "script": "hant" if trad else "hans",
                      "fullwidth_digits": fw, "halfwidth_punct": hw, "oneline": self.oneline,
                      "agency_level": self.ag.level, "local_table": self.local_table},
            "notes": notes,
        }


def _cn_small(n: int) -> str:
    if n <= 10:
        return _NUM[n - 1] if n else "〇"
    if n < 20:
        return "十" + (_NUM[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return _NUM[tens - 1] + "十" + (_NUM[ones - 1] if ones else "")
