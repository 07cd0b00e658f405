"""One self-contained HTML page of a Document: highlighted text, relations, indicators, checks.

The page has inline CSS and JavaScript only (no network, no external assets), so it can
be mailed or archived as a single file. Offsets are the Document's: code points into
the original text; the text is cut into escaped segments here, in Python, at every
entity and evidence boundary, so the browser never has to count characters (JavaScript
counts UTF-16 units) and a 1 MB report costs one DOM node per span, not per character.

    >>> from govie.types import Document, Entity
    >>> doc = Document(text="a<b & 12件", entities=(Entity("T1", 6, 9, "COUNT", "12件"),))
    >>> page = render_html(doc)
    >>> "a&lt;b &amp; " in page and 'data-e="0"' in page
    True
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from .types import Document

__all__ = ["render_html", "render_file", "LABEL_COLORS"]

# Light backgrounds, readable under black text; one per label of govie/data/labels.json.
LABEL_COLORS: dict[str, str] = {
    "AGENCY": "#a9d6ff", "PERSON": "#ffc6e0", "DATE": "#c5efc0", "COUNT": "#ffe083",
    "MONEY": "#ffc28a", "PERCENT": "#e2c9ff", "DOCNUM": "#aeeee6", "TITLE": "#ddd3bd",
    "METRIC": "#f8b4b4",
}
_FALLBACK = ["#d0e4a0", "#f0c8a8", "#b8c8f0", "#e8b8e0", "#c8e8d8", "#e0e0a0"]


def _esc_text(s: str) -> str:
    # A literal CR would be folded into LF by the HTML parser; the reference keeps the DOM
    # text identical to the original, so evidence pieces read back exactly.
    return html.escape(s, quote=False).replace("\r", "&#13;")


def _json_for_script(data: Any) -> str:
    # Inside <script> only "</" and "<!--" are dangerous; escaping every < > & (and the
    # JavaScript line separators) makes the payload inert whatever the report contains.
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _label_classes(doc: Document) -> dict[str, int]:
    try:
        from .labels import entity_labels

        order = entity_labels()
    except Exception:  # the inventory is data; a page must render even without it
        order = list(LABEL_COLORS)
    labels = list(order)
    for e in doc.entities:
        if e.label not in labels:
            labels.append(e.label)
    return {lab: i for i, lab in enumerate(labels)}


def _group_of(ind: Any) -> str:
    src = ind.source
    if src is None:
        return "derived (no evidence span)"
    if src.table_id:
        return f"table {src.table_id}" + (f" · {src.section}" if src.section else "")
    if src.section:
        return src.section
    return "text" if src.kind == "text" else src.kind


BLOCK = 20_000  # characters per text block; off-screen blocks are skipped by layout


def _block_cuts(text: str, size: int = BLOCK) -> list[int]:
    """Returns offsets just after a newline, about ``size`` apart, where the text is cut into blocks."""
    cuts, pos = [], size
    while pos < len(text):
        nl = text.find("\n", pos)
        if nl < 0 or nl + 1 >= len(text):
            break
        cuts.append(nl + 1)
        pos = nl + 1 + size
    return cuts


def _segments(text: str, ent_spans: list[tuple[int, int, int]], ev_spans: list[tuple[int, int, int]],
              ent_cls: list[int]) -> str:
    """Returns the escaped text in blocks, with one <span> per stretch covered by the same entities and evidence.

    Tooltips are set by the page script on hover, not written per span: they would double
    the size of a dense 1 MB page.
    """
    n = len(text)
    opens: dict[int, list[tuple[str, int]]] = {}
    closes: dict[int, list[tuple[str, int]]] = {}
    blocks = _block_cuts(text)
    bounds = {0, n, *blocks}
    for kind, spans in (("e", ent_spans), ("v", ev_spans)):
        for s, t, i in spans:
            opens.setdefault(s, []).append((kind, i))
            closes.setdefault(t, []).append((kind, i))
            bounds.update((s, t))
    cuts = sorted(bounds)
    block_at = set(blocks)
    active_e: set[int] = set()
    active_v: set[int] = set()
    out: list[str] = ['<div class="blk">']
    for a, b in zip(cuts, cuts[1:]):
        if a in block_at:
            out.append('</div><div class="blk">')
        for kind, i in closes.get(a, ()):
            (active_e if kind == "e" else active_v).discard(i)
        for kind, i in opens.get(a, ()):
            (active_e if kind == "e" else active_v).add(i)
        piece = _esc_text(text[a:b])
        if not active_e and not active_v:
            out.append(piece)
            continue
        cls, attrs = [], []
        if active_e:
            # the innermost entity gives the colour when spans nest
            es = sorted(active_e, key=lambda i: (ent_spans[i][1] - ent_spans[i][0], i))
            cls += ["e", f"l{ent_cls[es[0]]}"]
            attrs.append(f'data-e="{" ".join(map(str, es))}"')
        if active_v:
            cls.append("v")
            attrs.append(f'data-v="{" ".join(map(str, sorted(active_v)))}"')
        out.append(f'<span class="{" ".join(cls)}" {" ".join(attrs)}>{piece}</span>')
    out.append("</div>")
    return "".join(out)


def _payload(doc: Document, cls_of: dict[str, int]) -> tuple[dict[str, Any], list[tuple[int, int, int]],
                                                             list[tuple[int, int, int]]]:
    n = len(doc.text)
    # rows, not objects: a dense 1 MB report has 100k entities. The page reads an entity's
    # text back from its pieces, so the text is not repeated here.
    ents = [[e.id, cls_of[e.label], round(float(e.score), 4), e.source, e.start, e.end] for e in doc.entities]
    index = {e.id: i for i, e in enumerate(doc.entities)}
    rels = [{"id": r.id, "label": r.label, "score": float(r.score), "head": index[r.head], "tail": index[r.tail]}
            for r in doc.relations if r.head in index and r.tail in index]
    inds, ev_spans = [], []
    for i, (key, v) in enumerate(doc.indicators.items()):
        src = v.source
        has_ev = bool(src is not None and 0 <= src.start < src.end <= n)
        if has_ev:
            ev_spans.append((src.start, src.end, i))
        inds.append({"key": key, "value": v.value, "unit": v.unit, "status": v.status, "qualifier": v.qualifier,
                     "raw": v.raw, "era": v.era, "confidence": float(v.confidence),
                     "kind": src.kind if src else "derived", "group": _group_of(v),
                     "row_label": src.row_label if src else None, "col_label": src.col_label if src else None,
                     "start": src.start if src else None, "end": src.end if src else None, "ev": has_ev})
    checks = [{"rule": c.rule, "severity": c.severity, "message": c.message, "keys": list(c.keys)}
              for c in doc.checks]
    counts: dict[str, int] = {}
    for e in doc.entities:
        counts[e.label] = counts.get(e.label, 0) + 1
    labels = [{"label": lab, "cls": f"l{i}", "count": counts.get(lab, 0)} for lab, i in cls_of.items()]
    ent_spans = [(e.start, e.end, i) for i, e in enumerate(doc.entities)]
    data = {"entities": ents, "relations": rels, "indicators": inds, "checks": checks,
            "meta": doc.meta.to_dict(), "labels": labels}
    return data, ent_spans, ev_spans


def render_html(doc: Document, title: str | None = None) -> str:
    """Returns one self-contained HTML page showing ``doc``; spans use the Document's code-point offsets.

    The page shows the text with entities coloured by label (hover: label, score, linked
    entities), the relations, the indicator table grouped by table / section (click a value
    to scroll to its evidence span), and the failed checks (click one to mark its rows).
    Everything taken from the document is escaped; nothing is fetched from the network.

    Args:
        doc: the Document to show.
        title: the page title (default: agency and year from ``doc.meta``).
    """
    cls_of = _label_classes(doc)
    data, ent_spans, ev_spans = _payload(doc, cls_of)
    body = _segments(doc.text, ent_spans, ev_spans, [row[1] for row in data["entities"]])
    m = doc.meta
    if title is None:
        title = " ".join(str(x) for x in (m.agency, m.year) if x) or "govie report"
        title = f"{title} — govie"
    colors = []
    for lab, i in cls_of.items():
        c = LABEL_COLORS.get(lab, _FALLBACK[i % len(_FALLBACK)])
        colors.append(f".l{i}{{background:{c}}} .off-l{i} #text .l{i}{{background:none;box-shadow:none}}")
    meta_bits = [f"{k}: {v}" for k, v in (("agency", m.agency), ("year", m.year), ("published", m.published),
                                         ("format", m.format), ("era", m.era), ("script", m.script)) if v]
    counts = (f"{len(doc.entities)} entities · {len(doc.relations)} relations · "
              f"{len(doc.indicators)} indicators · {len(doc.checks)} failed checks · {len(doc.text)} characters")
    return _PAGE.format(
        title=_esc_text(title), css=_CSS + "\n".join(colors), meta=_esc_text(" · ".join(meta_bits)),
        counts=_esc_text(counts), text=body, data=_json_for_script(data), js=_JS)


def render_file(path: str | os.PathLike, output: str | os.PathLike, *, model: str | os.PathLike | None = None,
                entities: str = "model", title: str | None = None) -> dict[str, Any]:
    """Parses a .txt report and writes its page atomically. Returns a summary dict.

    Raises:
        InputError: E305 / E302 when the file cannot be read or decoded.
        ModelLoadError: when ``entities="model"`` and the model directory is missing or damaged.
    """
    from .batch import read_text_file
    from .pipeline import Pipeline

    text = read_text_file(path)
    doc = Pipeline(model, entities=entities).parse(text)
    page = render_html(doc, title=title)
    out = Path(output)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return {"input": str(path), "output": str(out), "bytes": len(page.encode("utf-8")),
            "entities": len(doc.entities), "relations": len(doc.relations),
            "indicators": len(doc.indicators), "checks": len(doc.checks)}


_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govie">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<div class="meta">{meta}</div>
<div class="meta">{counts}</div>
<div id="legend" aria-label="entity labels"></div>
</header>
<main>
<section id="textpane" aria-label="report text">
<div id="info">Hover an entity to see its label, score and linked entities;
click a value on the right to see its evidence.</div>
<div id="text">{text}</div>
</section>
<aside id="side">
<section id="checks"><h2>Failed checks <span class="n" id="n-checks"></span></h2><div id="check-list"></div></section>
<section id="indicators"><h2>Indicators <span class="n" id="n-inds"></span></h2><div id="ind-groups"></div></section>
<section id="relations"><h2>Relations <span class="n" id="n-rels"></span></h2><ol id="rel-list"></ol></section>
</aside>
</main>
<script type="application/json" id="govie-data">{data}</script>
<script>
{js}
</script>
</body>
</html>
"""

_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;color:#1d1d1f;
 display:flex;flex-direction:column;background:#f4f5f7}
header{padding:8px 16px;background:#263238;color:#eceff1}
header h1{font-size:17px;margin:0 0 2px}
header .meta{font-size:12px;color:#b0bec5}
#legend{margin-top:6px;display:flex;flex-wrap:wrap;gap:6px}
#legend button{border:0;border-radius:3px;padding:1px 7px;font:inherit;font-size:12px;cursor:pointer;color:#1d1d1f}
#legend button.off{opacity:.35;text-decoration:line-through}
main{flex:1;display:grid;grid-template-columns:minmax(0,1.3fr) minmax(380px,1fr);min-height:0}
#textpane{overflow:auto;background:#fff;border-right:1px solid #d5d8dc;position:relative}
#info{position:sticky;top:0;z-index:2;background:#fffbe6;border-bottom:1px solid #eee2a8;padding:5px 14px;
 font-size:12px;min-height:28px}
#text{white-space:pre-wrap;word-break:break-all;padding:10px 14px 40vh;line-height:1.8;font-size:14px}
#text .blk{content-visibility:auto;contain-intrinsic-size:auto 3000px}
#text .e{border-radius:2px;cursor:pointer}
#text .v{box-shadow:inset 0 -2px 0 #607d8b}
#text .linked{outline:2px solid #1e88e5;outline-offset:0}
#text .focus{outline:2px solid #d81b60;outline-offset:0}
#text .hl{background:#ff5722!important;color:#fff;box-shadow:0 0 0 2px #ff5722}
#text .hlchk{background:#ffab91!important;box-shadow:0 0 0 2px #ff7043}
#side{display:flex;flex-direction:column;min-height:0;font-size:12.5px}
#side>section{overflow:auto;padding:0 12px 8px;border-bottom:1px solid #d5d8dc}
#checks{max-height:30%;flex:none}
#indicators{flex:1;min-height:120px}
#relations{max-height:25%;flex:none}
#side h2{font-size:14px;margin:0 0 4px;position:sticky;top:0;background:#f4f5f7;padding:8px 0 4px;z-index:1}
#side .n{color:#78909c;font-weight:normal}
.check{border-left:4px solid #90a4ae;background:#fff;margin:4px 0;padding:4px 8px;cursor:pointer;border-radius:2px}
.check.sev-critical{border-color:#c62828}.check.sev-high{border-color:#ef6c00}
.check.sev-medium{border-color:#f9a825}.check.sev-info{border-color:#90a4ae}
.check.sel{background:#fff3e0}
.check .keys{color:#546e7a;font-family:ui-monospace,monospace;font-size:11px}
.group{margin:6px 0;background:#fff;border:1px solid #e0e3e7;border-radius:3px}
.group summary{padding:4px 8px;font-weight:600;cursor:pointer}
table.ind{border-collapse:collapse;width:100%}
table.ind th,table.ind td{padding:2px 6px;border-top:1px solid #eceff1;text-align:left;vertical-align:top}
table.ind th{font-weight:600;color:#546e7a;font-size:11.5px}
table.ind td.key{font-family:ui-monospace,monospace;font-size:11px;word-break:break-all}
table.ind td.num{text-align:right;white-space:nowrap}
table.ind tr.sel td{background:#ffe0b2}
table.ind tr.chk td{background:#ffccbc}
table.ind tr.st-not_found td,table.ind tr.st-blank td{color:#90a4ae}
a.ev{color:#0d47a1;text-decoration:none;border-bottom:1px dashed #0d47a1}
#rel-list{padding-left:22px;margin:0}
#rel-list li{margin:2px 0;cursor:pointer}
#rel-list li.sel{background:#e3f2fd}
#rel-list li.empty{list-style:none;margin-left:-22px;cursor:default}
.chip{border-radius:2px;padding:0 3px}
.empty{color:#78909c;font-style:italic}
"""

_JS = r"""
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("govie-data").textContent);
  D.entities = D.entities.map(function (r) {
    return {id: r[0], label: D.labels[r[1]].label, score: r[2], source: r[3], start: r[4], end: r[5]};
  });
  var textEl = document.getElementById("text"), info = document.getElementById("info");
  function el(tag, cls, txt) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (txt !== undefined && txt !== null) x.textContent = String(txt);
    return x;
  }
  function push(map, k, v) { var a = map.get(k); if (!a) map.set(k, a = []); a.push(v); }
  function clear(cls) {
    document.querySelectorAll("." + cls).forEach(function (x) { x.classList.remove(cls); });
  }
  // index the text pieces once: entity index -> elements, indicator index -> elements
  var entEls = new Map(), evEls = new Map();
  textEl.querySelectorAll("[data-e]").forEach(function (x) {
    x.dataset.e.split(" ").forEach(function (i) { push(entEls, +i, x); });
  });
  textEl.querySelectorAll("[data-v]").forEach(function (x) {
    x.dataset.v.split(" ").forEach(function (i) { push(evEls, +i, x); });
  });
  function entityText(i) {
    return (entEls.get(i) || []).map(function (x) { return x.textContent; }).join("");
  }
  var links = new Map();
  D.relations.forEach(function (r, k) {
    push(links, r.head, {rel: k, other: r.tail, dir: "\u2192"});
    push(links, r.tail, {rel: k, other: r.head, dir: "\u2190"});
  });
  var clsOf = {};
  D.labels.forEach(function (l) { clsOf[l.label] = l.cls; });
  function chip(i) {
    var e = D.entities[i], c = el("span", "chip " + (clsOf[e.label] || ""), entityText(i));
    c.title = e.label + " \u00b7 " + e.id;
    return c;
  }

  // legend: one toggle per label
  var legend = document.getElementById("legend");
  D.labels.forEach(function (l) {
    if (!l.count) return;
    var b = el("button", l.cls, l.label + " " + l.count);
    b.type = "button";
    b.title = "show / hide " + l.label;
    b.addEventListener("click", function () {
      b.classList.toggle("off");
      document.body.classList.toggle("off-" + l.cls);
    });
    legend.appendChild(b);
  });

  // entities: hover shows, click pins; linked entities outlined
  var pinned = -1;
  function focusEntity(i) {
    clear("focus"); clear("linked");
    document.querySelectorAll("#rel-list li.sel").forEach(function (x) { x.classList.remove("sel"); });
    if (i < 0) { info.textContent = "Hover an entity to see its label, score and linked entities."; return; }
    var e = D.entities[i];
    (entEls.get(i) || []).forEach(function (x) { x.classList.add("focus"); });
    info.textContent = "";
    info.appendChild(chip(i));
    info.appendChild(document.createTextNode(" " + e.label + " \u00b7 score " + e.score.toFixed(2) +
      " \u00b7 " + e.id + " (" + e.source + ") \u00b7 [" + e.start + ", " + e.end + ")"));
    (links.get(i) || []).forEach(function (l) {
      var r = D.relations[l.rel];
      (entEls.get(l.other) || []).forEach(function (x) { x.classList.add("linked"); });
      var li = relItems[l.rel];
      if (li) li.classList.add("sel");
      info.appendChild(document.createTextNode("  " + l.dir + " " + r.label + " "));
      info.appendChild(chip(l.other));
    });
  }
  function entityAt(t) {
    var x = t && t.closest ? t.closest("[data-e]") : null;
    return x ? +x.dataset.e.split(" ")[0] : -1;
  }
  function tip(x) {
    var t = [];
    if (x.dataset.e) x.dataset.e.split(" ").forEach(function (i) {
      var e = D.entities[+i];
      t.push(e.label + " \u00b7 score " + e.score.toFixed(2) + " \u00b7 " + e.id + " (" + e.source + ")");
    });
    if (x.dataset.v) x.dataset.v.split(" ").forEach(function (i) { t.push("evidence of " + D.indicators[+i].key); });
    return t.join("\n");
  }
  textEl.addEventListener("mouseover", function (ev) {
    var x = ev.target.closest ? ev.target.closest("[data-e],[data-v]") : null;
    if (x && !x.title) x.title = tip(x);
    var i = entityAt(ev.target);
    if (i >= 0) focusEntity(i);
  });
  textEl.addEventListener("mouseleave", function () { focusEntity(pinned); });
  textEl.addEventListener("click", function (ev) {
    var i = entityAt(ev.target);
    pinned = i === pinned ? -1 : i;
    focusEntity(pinned);
  });

  // relations list
  var relList = document.getElementById("rel-list"), relItems = [];
  document.getElementById("n-rels").textContent = "(" + D.relations.length + ")";
  if (!D.relations.length) relList.appendChild(el("li", "empty", "no relations"));
  D.relations.forEach(function (r) {
    var li = el("li", "rel");
    li.appendChild(chip(r.head));
    li.appendChild(document.createTextNode(" \u2014" + r.label + "\u2192 "));
    li.appendChild(chip(r.tail));
    li.appendChild(el("span", "n", " " + r.score.toFixed(2)));
    li.addEventListener("click", function () {
      pinned = r.head;
      focusEntity(r.head);
      var first = (entEls.get(r.head) || [])[0];
      if (first) first.scrollIntoView({block: "center"});
    });
    relItems.push(li);
    relList.appendChild(li);
  });

  // indicators grouped by table / section, in text order
  var rowsByKey = new Map(), rowEls = [];
  var groups = new Map();
  D.indicators.forEach(function (d, i) { push(groups, d.group, i); });
  function pos(i) { var d = D.indicators[i]; return d.start === null ? Infinity : d.start; }
  function first(g) { return groups.get(g).reduce(function (m, i) { return Math.min(m, pos(i)); }, Infinity); }
  var order = Array.from(groups.keys()).sort(function (a, b) { return first(a) - first(b) || (a < b ? -1 : 1); });
  var box = document.getElementById("ind-groups");
  document.getElementById("n-inds").textContent = "(" + D.indicators.length + ")";
  if (!D.indicators.length) box.appendChild(el("div", "empty", "no indicators"));
  function showEvidence(i, cls, noScroll) {
    cls = cls || "hl";
    var pieces = evEls.get(i) || [];
    pieces.forEach(function (x) { x.classList.add(cls); });
    if (pieces[0] && !noScroll) pieces[0].scrollIntoView({block: "center"});
    return pieces.map(function (x) { return x.textContent; }).join("");
  }
  function selectIndicator(i) {
    clear("hl"); clear("hlchk");
    document.querySelectorAll("table.ind tr.sel").forEach(function (x) { x.classList.remove("sel"); });
    rowEls[i].classList.add("sel");
    return showEvidence(i, "hl");
  }
  order.forEach(function (g) {
    var idx = groups.get(g).slice().sort(function (a, b) { return pos(a) - pos(b) || a - b; });
    var det = el("details", "group"), sum = el("summary", "", g + " (" + idx.length + ")");
    det.open = true;
    det.appendChild(sum);
    var t = el("table", "ind"), head = el("tr");
    ["key", "value", "unit", "status", "qualifier", "source"].forEach(function (h) {
      head.appendChild(el("th", "", h));
    });
    t.appendChild(head);
    idx.forEach(function (i) {
      var d = D.indicators[i], tr = el("tr", "st-" + d.status);
      tr.dataset.key = d.key;
      tr.title = [d.raw ? "raw: " + d.raw : "", d.row_label ? "row: " + d.row_label : "",
        d.col_label ? "column: " + d.col_label : "", d.era ? "era: " + d.era : "",
        "confidence: " + d.confidence].filter(Boolean).join("\n");
      tr.appendChild(el("td", "key", d.key));
      var v = el("td", "num"), shown = d.value === null ? "\u2014" : String(d.value);
      if (d.ev) {
        var a = el("a", "ev", shown);
        a.href = "#";
        a.dataset.i = i;
        a.title = "show evidence [" + d.start + ", " + d.end + ")";
        a.addEventListener("click", function (ev) { ev.preventDefault(); selectIndicator(i); });
        v.appendChild(a);
      } else {
        v.textContent = shown;
      }
      tr.appendChild(v);
      tr.appendChild(el("td", "", d.unit));
      tr.appendChild(el("td", "", d.status));
      tr.appendChild(el("td", "", d.qualifier));
      tr.appendChild(el("td", "", d.kind));
      rowEls[i] = tr;
      push(rowsByKey, d.key, tr);
      t.appendChild(tr);
    });
    det.appendChild(t);
    box.appendChild(det);
  });

  // failed checks: click marks the involved indicator rows and their evidence
  var list = document.getElementById("check-list");
  document.getElementById("n-checks").textContent = "(" + D.checks.length + ")";
  if (!D.checks.length) list.appendChild(el("div", "empty", "no failed checks"));
  var keyIndex = new Map();
  D.indicators.forEach(function (d, i) { keyIndex.set(d.key, i); });
  function selectCheck(k) {
    clear("chk"); clear("hl"); clear("hlchk");
    document.querySelectorAll(".check.sel").forEach(function (x) { x.classList.remove("sel"); });
    var c = D.checks[k], first = null, firstEv = null;
    checkEls[k].classList.add("sel");
    c.keys.forEach(function (key) {
      (rowsByKey.get(key) || []).forEach(function (tr) {
        tr.classList.add("chk");
        if (!first) first = tr;
        var det = tr.closest("details");
        if (det) det.open = true;
      });
      if (!keyIndex.has(key)) return;
      var i = keyIndex.get(key);
      showEvidence(i, "hlchk", true);
      var p = (evEls.get(i) || [])[0];
      if (p && (firstEv === null || D.indicators[i].start < D.indicators[firstEv[0]].start)) firstEv = [i, p];
    });
    if (first) first.scrollIntoView({block: "nearest"});
    if (firstEv) firstEv[1].scrollIntoView({block: "center"});
    return document.querySelectorAll("table.ind tr.chk").length;
  }
  var checkEls = D.checks.map(function (c, k) {
    var d = el("div", "check sev-" + c.severity);
    d.appendChild(el("b", "", c.rule + " "));
    d.appendChild(el("span", "n", c.severity));
    d.appendChild(el("div", "", c.message));
    d.appendChild(el("div", "keys", c.keys.join(", ")));
    d.addEventListener("click", function () { selectCheck(k); });
    list.appendChild(d);
    return d;
  });

  window.govie = {data: D, focusEntity: focusEntity, selectIndicator: selectIndicator, selectCheck: selectCheck};
  document.documentElement.setAttribute("data-govie-ready", "1");
})();
"""
