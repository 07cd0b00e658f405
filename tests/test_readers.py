"""Report files -> text: .txt (UTF-8, BOM, GBK), .html with merged cells, .docx, .pdf, and the coded errors.

Every test file is generated here from examples/report_2022.txt (project-written): its tables
are rebuilt as real tables with the national template's merged cells (rowspan labels such as
三、本年度办理结果, colspan headers), rendered as HTML, DOCX and PDF, read back, and parsed
with the rules pipeline; the indicators must equal those of the plain text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

from govie.errors import InputError
from govie.readers import decode_text, html_to_text, read_document

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "report_2022.txt"
TEXT = EXAMPLE.read_text(encoding="utf-8")

# ------------------------------------------------------------------ the example as blocks with merged cells
_LEVEL = [(re.compile(r"^[一二三四五六七八九十]+、"), 1), (re.compile(r"^（[一二三四五六七八九十]+）"), 2),
          (re.compile(r"^\d+\."), 3)]
_NUM = re.compile(r"^[\d.]+$")


def _level(label: str) -> int:
    return next((lv for rx, lv in _LEVEL if rx.match(label)), 1)


def _t3_body(lines: list[str]) -> list[list[tuple[str, int, int]]]:
    """Table-3 body rows with the template's spans, derived from the printed row labels."""
    rows = [[c.strip() for c in ln.split(" | ")] for ln in lines]
    out = []
    for i, cells in enumerate(rows):
        labels = [c for c in cells if not _NUM.match(c)]
        nums = cells[len(labels):]
        row = []
        for k, lab in enumerate(labels):
            lv = _level(lab)
            if k < len(labels) - 1:  # a group label: spans down to the next row of its level or above
                n = 1
                while i + n < len(rows) and _level(rows[i + n][0]) > lv:
                    n += 1
                row.append((lab, 1, n))
            else:
                row.append((lab, 4 - lv, 1))
        out.append(row + [(v, 1, 1) for v in nums])
    return out


T3_HEAD = [[("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 7, 1)],
           [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
           [(c, 1, 1) for c in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")]]
T4_HEAD = [[("行政复议", 5, 1), ("行政诉讼", 10, 1)],
           [(c, 1, 2) for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
           + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
           [(c, 1, 1) for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2]]


@lru_cache(maxsize=1)
def example_blocks() -> tuple:
    """The example report as ``("p", line)`` and ``("table", rows)``; a row is ``[(text, colspan, rowspan)]``."""
    lines = TEXT.splitlines()
    blocks: list = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("（本列数据"):
            end = next(j for j in range(i, len(lines)) if lines[j].startswith("四、结转"))
            blocks.append(("table", T3_HEAD + _t3_body(lines[i + 3:end + 1])))
            i = end + 1
        elif ln.startswith("行政复议 | 行政诉讼"):
            blocks.append(("table", T4_HEAD + [[(c, 1, 1) for c in lines[i + 3].split(" | ")]]))
            i += 4
        elif " | " in ln:
            j = i
            while j < len(lines) and " | " in lines[j]:
                j += 1
            blocks.append(("table", [[(c, 1, 1) for c in x.split(" | ")] for x in lines[i:j]]))
            i = j
        else:
            blocks.append(("p", ln))
            i += 1
    return tuple(blocks)


def _grid(rows):
    """{(r, c): (text, is_origin, (r0, c0, r1, c1))} of a table with spans (independent of govie.readers)."""
    taken: dict = {}
    for r, row in enumerate(rows):
        c = 0
        for text, cs, rs in row:
            while (r, c) in taken:
                c += 1
            box = (r, c, r + rs - 1, c + cs - 1)
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, c + dc)] = (text, dr == dc == 0, box)
            c += cs
    return taken


def to_html(blocks, *, blank_corner: bool = False) -> str:
    """An HTML page in the style of a government site: chrome to drop, th/tbody, attributes, entities."""
    esc = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    body = []
    for kind, x in blocks:
        if kind == "p":
            body.append("<p style='text-indent:2em'>" + "".join(esc.get(ch, ch) for ch in x) + "</p>")
            continue
        trs = []
        for r, row in enumerate(x):
            tds = []
            for text, cs, rs in row:
                if blank_corner and text.startswith("（本列数据"):
                    text = "&nbsp;"
                span = (f" colspan='{cs}'" if cs > 1 else "") + (f" rowspan=\"{rs}\"" if rs > 1 else "")
                tag = "th" if r == 0 else "td"
                tds.append(f"<{tag}{span}><p><span>{text}</span></p></{tag}>")
            trs.append("<tr>\n  " + "\n  ".join(tds) + "\n</tr>")
        body.append("<table border='1' cellspacing='0'><tbody>\n" + "\n".join(trs) + "\n</tbody></table>")
    return ("<!DOCTYPE html>\n<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
            "<title>报告_临江县人民政府</title><script>var nav = '<p>not text</p>';</script>"
            "<style>p{margin:0}</style></head>\n<body><nav><a href='/'>首页</a> | <a>政务公开</a></nav>\n"
            "<div class='article'>\n" + "\n".join(body) + "\n</div>\n<footer>版权所有 临江县人民政府</footer>"
            "</body></html>\n")


def to_docx(blocks, path: Path) -> Path:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for kind, x in blocks:
        if kind == "p":
            d.add_paragraph(x)
            continue
        grid = _grid(x)
        nrows = 1 + max(r for r, _ in grid)
        ncols = 1 + max(c for _, c in grid)
        table = d.add_table(rows=nrows, cols=ncols)
        table.style = "Table Grid"  # ruled, as reports are: a PDF export then has the lines tables are found by
        for (r, c), (text, origin, box) in grid.items():
            if origin:
                table.cell(r, c).text = text
        for (r, c), (text, origin, (r0, c0, r1, c1)) in grid.items():
            if origin and (r1 > r0 or c1 > c0):
                table.cell(r0, c0).merge(table.cell(r1, c1))
    d.save(str(path))
    return path


@lru_cache(maxsize=1)
def _cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def to_pdf(blocks, path: Path, *, encrypt=None, font: str | None = None, pagesize=None) -> Path:
    """A ruled-table PDF with reportlab (Adobe-GB1 CID font: no font file needed), merged cells as SPANs."""
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = font or _cjk_font()
    body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK", firstLineIndent=21)
    cell = ParagraphStyle("c", fontName=font, fontSize=7.5, leading=9.5, wordWrap="CJK")
    story = []
    for kind, x in blocks:
        if kind == "p":
            story.append(Paragraph(x, body))
            continue
        grid = _grid(x)
        nrows = 1 + max(r for r, _ in grid)
        ncols = 1 + max(c for _, c in grid)
        data = [["" for _ in range(ncols)] for _ in range(nrows)]
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for (r, c), (text, origin, (r0, c0, r1, c1)) in grid.items():
            if origin:
                data[r][c] = Paragraph(text, cell)
                if r1 > r0 or c1 > c0:
                    style.append(("SPAN", (c0, r0), (c1, r1)))
        width = 250 * mm
        label_cols = 3 if ncols >= 10 and ncols < 15 else (1 if ncols < 15 else 0)
        if label_cols:
            widths = [width * 0.36 / label_cols] * label_cols
            widths += [(width * 0.64) / (ncols - label_cols)] * (ncols - label_cols)
        else:
            widths = [width / ncols] * ncols
        story.append(Table(data, colWidths=widths, style=TableStyle(style)))
    doc = SimpleDocTemplate(str(path), pagesize=pagesize or landscape(A4), leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, encrypt=encrypt)
    doc.build(story)
    return path


@lru_cache(maxsize=None)
def _indicators(text: str) -> dict:
    doc = _rules().parse(text)
    return {k: (v.value, v.status) for k, v in doc.indicators.items()}


@lru_cache(maxsize=1)
def _rules():
    from govie.pipeline import Pipeline

    return Pipeline(entities="rules")


def _table_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if "|" in ln]


# ------------------------------------------------------------------ .txt
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_txt_encodings(tmp_path, encoding):
    p = tmp_path / "r.txt"
    p.write_bytes(TEXT.encode(encoding))
    assert read_document(p) == TEXT


def test_gbk_txt_parses_like_utf8(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes(TEXT.encode("gbk"))
    text = read_document(p)
    assert text == TEXT and _indicators(text)["app_new_received__total"] == (12, "reported")


@pytest.mark.parametrize("payload", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,   # binary with NULs
    bytes(range(128, 256)) * 40,                                      # high bytes, no NULs: neither UTF-8 nor GB18030
    "临江县".encode("utf-8") + b"\x01\x02\x03\x04\x05\x06\x07\x08" * 40,  # control bytes: not text
])
def test_undecodable_txt_is_e302(tmp_path, payload):
    p = tmp_path / "x.txt"
    p.write_bytes(payload)
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert exc.value.code == "E302" and str(p) in exc.value.message


def test_decode_text_declared_charset_and_fallback():
    gbk = "政府信息公开".encode("gbk")
    assert decode_text(gbk, declared="gb2312") == "政府信息公开"
    assert decode_text(gbk, declared="utf-8") == "政府信息公开"  # a wrong declaration falls back
    assert decode_text("政府".encode("utf-8"), declared="no-such-charset") == "政府"
    assert decode_text(gbk, declared="iso-8859-1") == "政府信息公开"  # not Latin-1 mojibake
    assert decode_text("政府".encode("big5"), declared="big5") == "政府"


def test_missing_file_and_folder_are_e305(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    for p in (tmp_path / "absent.txt", folder, tmp_path / "absent.pdf", tmp_path / "absent.docx"):
        with pytest.raises(InputError) as exc:
            read_document(p)
        assert exc.value.code == "E305", p


@pytest.mark.parametrize("name,hint", [("r.doc", "libreoffice"), ("r.xlsx", "Convert"), ("README", "no suffix")])
def test_unsupported_suffix_is_e304(tmp_path, name, hint):
    p = tmp_path / name
    p.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert exc.value.code == "E304" and hint in exc.value.message


# ------------------------------------------------------------------ .html
def test_html_tables_reproduce_the_text(tmp_path):
    p = tmp_path / "r.html"
    p.write_bytes(to_html(example_blocks()).encode("gbk"))   # declared gb2312 in <meta>, written as GBK
    text = read_document(p)
    assert text == TEXT  # every merged cell written once, where it is printed: the example's own lines
    assert "not text" not in text and "首页" not in text and "版权所有" not in text


def test_html_tables_give_the_same_indicators(tmp_path):
    html = to_html(example_blocks(), blank_corner=True).replace("<p style='text-indent:2em'>", "<p>&nbsp;&nbsp;")
    text = html_to_text(html)
    assert "| |  |  | 申请人情况" in text  # a blank 3x3 corner cell keeps its three columns
    assert "三、本年度办理结果 | （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7" in text
    ind = _indicators(text)
    assert ind == _indicators(TEXT)
    assert ind["app_res_unable_not_held__legal_service_org"] == (1, "reported")
    assert ind["t2_admin_fee_amount"] == (12.5, "reported") and ind["review_total"] == (1, "reported")


def test_html_2019_table_with_colspan_data_row():
    # national 2019: （六）其他处理 is a data row spanning two label columns
    rows = [[("三、本年度办理结果", 1, 3), ("（五）不予处理", 1, 1), ("5.要求行政机关确认或重新出具已获取信息", 1, 1)]
            + [("0", 1, 1)] * 7,
            [("（六）其他处理", 2, 1)] + [(str(v), 1, 1) for v in (2, 0, 0, 0, 0, 0, 2)],
            [("（七）总计", 2, 1)] + [(str(v), 1, 1) for v in (9, 1, 0, 0, 0, 0, 10)]]
    text = html_to_text(to_html([("table", rows)]))
    assert text.splitlines()[1:] == ["（六）其他处理 | 2 | 0 | 0 | 0 | 0 | 0 | 2", "（七）总计 | 9 | 1 | 0 | 0 | 0 | 0 | 10"]


def test_html_blank_cells_keep_their_column():
    html = ("<table><tr><td>一、本年新收政府信息公开申请数量</td><td>3</td><td></td><td>0</td><td></td>"
            "<td>0</td><td>0</td><td></td></tr><tr><td rowspan=2></td><td>x</td></tr><tr><td>y</td></tr></table>")
    assert html_to_text(html).splitlines() == ["一、本年新收政府信息公开申请数量 | 3 |  | 0 |  | 0 | 0 | |",
                                               "| | x", "| | y"]


def test_html_layout_tables_and_blocks():
    html = ("<html><body><table><tr><td><h2>临江县教育局2022年\n  政府信息公开工作年度报告</h2>"
            "<p>一、总体情况<br/>全年收到申请 12 件。</p><table><tr><td>a</td><td>1</td></tr></table>"
            "</td></tr></table><pre>x  y\nz</pre><ul><li>甲</li><li>乙</li></ul></body></html>")
    assert html_to_text(html).splitlines() == ["临江县教育局2022年政府信息公开工作年度报告", "一、总体情况",
                                               "全年收到申请 12 件。", "a | 1", "x  y", "z", "甲", "乙"]


def test_html_utf8_with_bom_and_xml_declaration(tmp_path):
    p = tmp_path / "r.htm"
    p.write_bytes(b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?><html><body><p>\xe6\x94\xbf\xe5\xba\x9c</p>"
                  b"</body></html>")
    assert read_document(p) == "政府\n"


# ------------------------------------------------------------------ .docx
def test_docx_paragraphs_and_merged_tables(tmp_path):
    p = to_docx(example_blocks(), tmp_path / "r.docx")
    text = read_document(p)
    assert text == TEXT
    assert _indicators(text) == _indicators(TEXT)


def test_not_a_docx_is_e305(tmp_path):
    pytest.importorskip("docx")
    p = tmp_path / "fake.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # a legacy .doc header
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert exc.value.code == "E305" and "convert" in exc.value.message


# ------------------------------------------------------------------ .pdf
@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    return to_pdf(example_blocks(), tmp_path_factory.mktemp("pdf") / "r.pdf")


def test_pdf_text_and_tables(example_pdf):
    pytest.importorskip("pdfplumber")
    text = read_document(example_pdf)
    assert _table_lines(text) == _table_lines(TEXT)  # every ruled table row, merged cells written once
    lines = text.splitlines()
    assert lines[0] == TEXT.splitlines()[0]
    # wrapped paragraphs are joined back into one line each
    assert any(ln.startswith("2022年，临江县教育局认真贯彻落实") and ln.endswith("均在法定期限内答复。") for ln in lines)
    assert _indicators(text) == _indicators(TEXT)


def test_pdf_owner_password_only_is_read(tmp_path):
    pytest.importorskip("pdfplumber")
    from reportlab.lib import pdfencrypt

    # Latin text: reportlab leaves the CIDSystemInfo strings of its built-in CJK fonts unencrypted, a
    # writer bug that no extractor can undo (real copy-protected reports embed fonts with ToUnicode maps)
    blocks = [("p", "Linjiang County Education Bureau 2022 annual report"), ("p", "Applications received: 12")]
    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0, canModify=0, strength=128)
    p = to_pdf(blocks, tmp_path / "restricted.pdf", encrypt=enc, font="Helvetica")
    assert read_document(p).splitlines() == [b[1] for b in blocks]  # copy-protected reports open


def test_pdf_user_password_is_e303(tmp_path):
    pytest.importorskip("pdfplumber")
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128)
    p = to_pdf([("p", "临江县教育局")], tmp_path / "locked.pdf", encrypt=enc)
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert exc.value.code == "E303" and "password" in exc.value.message


@pytest.mark.parametrize("damage", ["truncated", "not_pdf", "empty", "garbled_xref", "no_text"])
def test_broken_pdf_is_e303(tmp_path, example_pdf, damage):
    pytest.importorskip("pdfplumber")
    raw = example_pdf.read_bytes()
    p = tmp_path / f"{damage}.pdf"
    if damage == "truncated":
        p.write_bytes(raw[: len(raw) // 2])
    elif damage == "not_pdf":
        p.write_text("<html>404 Not Found</html>", encoding="utf-8")
    elif damage == "empty":
        p.write_bytes(b"")
    elif damage == "garbled_xref":  # header and %%EOF intact, every object body destroyed
        p.write_bytes(raw[:16] + bytes(b ^ 0x5A for b in raw[16:-64]) + raw[-64:])
    else:
        from reportlab.pdfgen import canvas

        c = canvas.Canvas(str(p))
        c.rect(100, 100, 200, 200)  # a page with drawing only, as a scan without OCR has no text
        c.save()
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert exc.value.code == "E303" and str(p) in exc.value.message
    # no traceback from deep inside: nothing chained
    assert exc.value.__cause__ is None and (exc.value.__suppress_context__ or exc.value.__context__ is None)


def test_pdf_via_libreoffice(tmp_path):
    """A Word-style export (embedded TrueType subset, ToUnicode) where LibreOffice is installed."""
    pytest.importorskip("pdfplumber")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    src = to_docx(example_blocks(), tmp_path / "lo.docx")
    proc = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                          capture_output=True, timeout=120)
    pdf = tmp_path / "lo.pdf"
    if proc.returncode != 0 or not pdf.is_file():
        pytest.skip(f"LibreOffice could not convert: {proc.stderr.decode(errors='replace')[:200]}")
    text = read_document(pdf)
    assert _indicators(text) == _indicators(TEXT)


@pytest.mark.slow
def test_pdf_library_comparison(tmp_path, capsys):
    """The measurement behind the choice of pdfplumber (docs/formats.md): run with --runslow -s."""
    pypdf = pytest.importorskip("pypdf")
    pdfplumber = pytest.importorskip("pdfplumber")
    from pdfminer.high_level import extract_text

    files = {"reportlab CID font": to_pdf(example_blocks(), tmp_path / "rl.pdf")}
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        src = to_docx(example_blocks(), tmp_path / "lo.docx")
        subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=300)
        if (tmp_path / "lo.pdf").is_file():
            files["LibreOffice export"] = tmp_path / "lo.pdf"

    def plumber(p):
        with pdfplumber.open(str(p)) as pdf:
            return "\n".join(pg.extract_text() or "" for pg in pdf.pages)

    extractors = {"pypdf": lambda p: "\n".join(pg.extract_text() for pg in pypdf.PdfReader(str(p)).pages),
                  "pdfminer.six": lambda p: extract_text(str(p)), "pdfplumber text": plumber,
                  "govie.readers": read_document}
    gold = {k: v for k, v in _indicators(TEXT).items() if v[0] is not None}
    right = {}
    for fname, p in files.items():
        for name, fn in extractors.items():
            got = _indicators(fn(p))
            right[fname, name] = sum(got.get(k) == v for k, v in gold.items())
            print(f"{fname:20} {name:16} {right[fname, name]}/{len(gold)} indicator values right")
    for fname in files:
        assert right[fname, "govie.readers"] == len(gold)
