"""Report files -> the text govie parses: .txt, .html/.htm, .pdf and .docx, tables kept as tables.

``read_document(path)`` returns one ``str``; ``govie.parse_file`` parses exactly that string,
so every offset of the resulting Document indexes the extracted text (``doc.text``), not the
bytes of the file. Tables come out as one line per row with cells joined by `` | `` — the
shape ``govie.tables`` reads best — and every other block (paragraph, heading, list item,
PDF text line) as one line.

Merged cells (HTML ``colspan``/``rowspan``, Word ``gridSpan``/``vMerge``, merged PDF cells)
are written the way the table is read on paper: a cell with text appears once, in the first
row and column it covers, and the rows and columns it also covers get nothing; an empty cell
becomes one empty cell per grid position it covers. So the national Table 3 reads

    三、本年度办理结果 | （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7
    （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1

Repeating a spanning cell instead would repeat a label the table reader then has to skip and,
for a spanning number, invent a value that is printed once; leaving no trace of a spanned
blank would shift the cells after it. The only character changed inside a cell is ``|``,
written ``¦`` so that it cannot be read as a cell boundary (line breaks inside a cell are
joined as described below).

PDF extraction uses pdfplumber (on pdfminer.six). Measured against pypdf 7.1 and plain
pdfminer.six on the example report made into PDFs by reportlab (Adobe-GB1 CID font; embedded
TrueType) and LibreOffice (Word-style export, TrueType and CFF fonts, copy-protected with AES),
all three get every Chinese character; none but pdfplumber finds the ruled tables and their
merged cells, which the national tables need: their text of a table breaks wrapped cell labels
over lines (``一、本年新收政府信息`` / ``公开申请数量``) and gives the table reader 1-24 of 200
cell values on the LibreOffice exports (pdfplumber + the rules below: 200/200). pypdf is about
twice as fast, but speed is not what limits a batch (parsing is). See docs/formats.md.

PDF tables: pdfplumber marks the grid positions a merged cell covers with None, which gives the
"written once" rule above; in addition, empty cells before a row label are dropped (a merged
label column continued on a new page is drawn as empty cells), and a row that a page break
cut in two (Word lets rows break across pages) is joined back when the next page's first row
holds only the rest of its label text. A glyph the PDF's fonts give no Unicode for becomes
U+FFFD; when that is more than a fifth of the text, the file is E303 (OCR it).

Lines broken only by the page width are joined back: in PDF text, a line that reaches the
right margin followed by a line that starts at the left margin (not indented) is one
paragraph; HTML source line breaks between two Chinese characters are dropped, as a browser
laying out CJK text does (CSS Text 3 segment breaks). Page-number lines (``- 3 -``,
``第3页 共9页``) at the top or bottom of a PDF page are dropped.

Errors are ``InputError`` with a code: E302 undecodable or binary bytes, E303 a PDF that
cannot be read (truncated, encrypted with a password, not a PDF, no text layer), E304 an
unsupported file type, E305 a file that cannot be opened (or a .docx that is not one).
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import InputError

log = logging.getLogger(__name__)

__all__ = ["SUFFIXES", "read_document", "decode_text", "html_to_text"]

SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")

_CONVERT_HINT = {
    ".doc": "save it as .docx (libreoffice --headless --convert-to docx FILE)",
    ".wps": "save it as .docx (libreoffice --headless --convert-to docx FILE)",
    ".rtf": "save it as .docx (libreoffice --headless --convert-to docx FILE)",
    ".odt": "save it as .docx (libreoffice --headless --convert-to docx FILE)",
    ".shtml": "rename it to .html",
    ".xhtml": "rename it to .html",
    ".md": "rename it to .txt",
}


def read_document(path: str | Path) -> str:
    """Returns the text of a report file; a Document parsed from it has offsets into this string.

    Args:
        path: a ``.txt`` (UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030), ``.html``
            / ``.htm``, ``.pdf`` or ``.docx`` file. The suffix decides the reader.

    Raises:
        InputError: E302 the bytes are not text in a known encoding, E303 the PDF cannot be
            read, E304 the suffix is not supported, E305 the file cannot be opened.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if p.is_dir():  # before the suffix: a folder named "reports" is not a file of an unsupported type
        raise InputError("E305", f"{p} is a folder; pass its files, or use govie.batch.parse_paths "
                                 "(govie parse FOLDER) for a folder.")
    if suffix not in SUFFIXES:
        hint = _CONVERT_HINT.get(suffix, "convert it to one of these first")
        raise InputError("E304", f"{p}: files of type {suffix or '(no suffix)'!r} are not supported; govie reads "
                                 f"{', '.join(SUFFIXES)}. {hint[0].upper() + hint[1:]}.")
    if suffix == ".pdf":
        return _read_pdf(p)
    if suffix == ".docx":
        return _read_docx(p)
    raw = _read_bytes(p)
    if suffix == ".txt":
        return decode_text(raw, name=str(p))
    return html_to_text(decode_text(raw, name=str(p), declared=_html_charset(raw)))


def _read_bytes(p: Path) -> bytes:
    try:
        return p.read_bytes()
    except IsADirectoryError:
        raise InputError("E305", f"{p} is a folder; pass its files, or use govie.batch.parse_paths "
                                 "(govie parse FOLDER) for a folder.") from None
    except OSError as exc:
        raise InputError("E305", f"cannot read {p}: {exc.strerror or exc}.") from None


# ---------------------------------------------------------------------------------------- decoding
_GBK_LABELS = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "csgb2312", "chinese", "iso-ir-58", "euc-cn",
               "cp936", "ms936", "windows-936", "gb18030"}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1c\x1d\x1e\x85")


def _html_charset(raw: bytes) -> str | None:
    m = _META_CHARSET.search(raw[:8192])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def decode_text(raw: bytes, *, name: str = "<bytes>", declared: str | None = None) -> str:
    """Returns ``raw`` decoded: by its BOM, else strict UTF-8, else the declared charset, else GB18030.

    GBK and GB2312 are read as GB18030 (a superset, as browsers do); a declared charset that
    cannot encode Chinese (ISO-8859-1, windows-1252) is ignored. The result must look like
    text: bytes that decode only into control, private-use or unassigned characters are rejected
    rather than returned as mojibake.

    Raises:
        InputError: E302 when the bytes are binary or no candidate encoding gives text.
    """
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        candidates = ["utf-32"]
    elif raw.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        if b"\x00" in raw[:65536]:
            raise InputError("E302", f"{name} is binary (it contains NUL bytes), not text. If it is UTF-16 "
                                     "without a byte-order mark, save it as UTF-8.")
        # strict UTF-8 first: bytes in any other encoding of Chinese text almost never pass it,
        # and pages that declare one charset but are saved in another are common
        candidates = ["utf-8"]
        if declared:
            enc = "gb18030" if declared in _GBK_LABELS else declared
            try:
                enc = codecs.lookup(enc).name
                "政府".encode(enc)  # a Western single-byte charset cannot hold a Chinese report
                candidates.append(enc)
            except (LookupError, UnicodeEncodeError):
                log.debug("declared charset %r of %s ignored", declared, name)
        candidates += [c for c in ("gb18030",) if c not in candidates]
    tried = []
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            tried.append(enc)
            continue
        if _looks_like_text(text):
            return text
        tried.append(enc)
    raise InputError("E302", f"{name} cannot be decoded as text (tried {', '.join(tried)}); it is binary or in "
                             "another encoding. Convert it to UTF-8 first (iconv -f ENCODING -t UTF-8).")


def _looks_like_text(text: str, limit: float = 0.005) -> bool:
    """True when at most ``limit`` of the characters are controls, private-use, unassigned or U+FFFD."""
    if not text:
        return True
    sample = text[:200000]
    bad = sum(1 for c in sample if (c == "\ufffd" or unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs"))
              and c not in _ALLOWED_CONTROLS)
    return bad <= limit * len(sample)


# ---------------------------------------------------------------------------------------- shared
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003ffff]")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def _join_pieces(pieces: Iterable[str]) -> str:
    """Joins line pieces into one line: nothing between CJK characters, a space elsewhere."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and not (_is_cjk(out[-1]) or _is_cjk(piece[0])):
            out += " "
        out += piece
    return out


def _cell_text(text: str) -> str:
    """One table cell on one line: inner line breaks joined, tabs as spaces, ``|`` as ``¦``."""
    return _join_pieces(text.replace("|", "¦").replace("\t", " ").splitlines())


@dataclass
class _Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1


def _grid_rows(rows: Sequence[Sequence[_Cell]]) -> list[str]:
    """Lays out cells with spans on a grid (the HTML table model) and returns the `` | `` row lines.

    A cell with text is written once, at its top-left grid position; an empty cell is written
    at every position it covers. Rows that come out empty are dropped.
    """
    grid: dict[tuple[int, int], int] = {}
    cells: list[tuple[_Cell, tuple[int, int]]] = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            idx = len(cells)
            cells.append((cell, (r, c)))
            for dr in range(max(1, cell.rowspan)):
                if r + dr >= len(rows):
                    break
                for dc in range(max(1, cell.colspan)):
                    grid.setdefault((r + dr, c + dc), idx)
            c += max(1, cell.colspan)
            width = max(width, c)
    lines = []
    for r in range(len(rows)):
        out: list[str] = []
        for c in range(width):
            idx = grid.get((r, c))
            if idx is None:
                continue
            cell, origin = cells[idx]
            if not cell.text:
                out.append("")
            elif origin == (r, c):
                out.append(cell.text)
        if any(out):
            lines.append(_row_line(out))
    return lines


def _row_line(cells: Sequence[str]) -> str:
    """`` | ``-joined cells; an empty first or last cell gets an outer ``|`` so it is not read as
    the optional outer bar of a markdown row (``| | a`` and ``a | |`` keep their empty cell)."""
    line = " | ".join(cells)
    if cells and not cells[0]:
        line = "|" + line
    if cells and not cells[-1]:
        line += "|"
    return line


def _span(value: Any, limit: int = 1000) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), limit)


# ---------------------------------------------------------------------------------------- HTML
_DROP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "math", "canvas",
         "nav", "aside", "iframe", "object", "embed", "select", "button", "form", "input", "textarea", "map"}
_PAGE_CHROME = {"header", "footer"}  # dropped unless inside <article> or <main>
_BLOCK = {"p", "div", "section", "article", "main", "body", "blockquote", "center", "address", "figure",
          "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "pre", "hr",
          "header", "footer", "caption", "tr", "td", "th", "thead", "tbody", "tfoot", "table", "fieldset",
          "legend", "details", "summary", "html", "o:p"}
_WS = re.compile(r"[ \t\n\r\f]+")
_CJK_BREAK = re.compile(r"(?<=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f])[ \t\r\f]*\n[ \t\n\r\f]*"
                        r"(?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f])")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


class _Lines:
    """Accumulates inline text and emits one line per block, collapsing whitespace as HTML does."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def text(self, s: str) -> None:
        if s:
            self.buf.append(s)

    def pre(self, s: str) -> None:
        parts = s.split("\n")
        for i, part in enumerate(parts):
            if i:
                self.newline(pre=True)
            self.buf.append(part)

    def newline(self, pre: bool = False) -> None:
        s = "".join(self.buf)
        self.buf = []
        if not pre:
            s = _WS.sub(" ", _CJK_BREAK.sub("", s))
        s = s.replace("\xa0", " ").strip(" \t\r\n\f\u3000")
        if s:
            self.lines.append(s)

    def block(self, line: str) -> None:
        self.newline()
        self.lines.append(line)


def html_to_text(html: str) -> str:
    """Returns the text of an HTML page: one line per block, each data table as `` | `` rows.

    Script, style, navigation and form elements are dropped, and so are page-level
    ``<header>``/``<footer>``. A table that holds another table, or has one cell per row, is
    page layout, not data: its cells are read as blocks.
    """
    import lxml.html

    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except Exception as exc:  # lxml raises ParserError / ValueError on pathological input
        raise InputError("E302", f"the HTML cannot be parsed ({exc}).") from None
    out = _Lines()
    _walk(root, out, in_article=False, in_pre=False)
    out.newline()
    return "\n".join(out.lines) + ("\n" if out.lines else "")


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _walk(el: Any, out: _Lines, in_article: bool, in_pre: bool) -> None:
    tag = _tag(el)
    if tag in _DROP or not tag or (tag in _PAGE_CHROME and not in_article):
        return
    if tag == "br":
        out.newline(pre=in_pre)
        return
    if tag == "table" and not _is_layout_table(el):
        out.newline(pre=in_pre)
        for line in _html_table(el):
            out.block(line)
        return
    block = tag in _BLOCK
    if block:
        out.newline(pre=in_pre)
    in_article = in_article or tag in ("article", "main")
    in_pre = in_pre or tag in ("pre", "textarea")
    (out.pre if in_pre else out.text)(el.text or "")
    for child in el:
        _walk(child, out, in_article, in_pre)
        if child.tail:
            (out.pre if in_pre else out.text)(child.tail)
    if block:
        out.newline(pre=in_pre)


def _rows_of(table: Any) -> list[Any]:
    rows = []
    for child in table:
        t = _tag(child)
        if t == "tr":
            rows.append(child)
        elif t in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if _tag(r) == "tr")
    return rows


def _is_layout_table(table: Any) -> bool:
    if any(_tag(d) == "table" for d in table.iterdescendants()):
        return True
    rows = _rows_of(table)
    return all(sum(1 for c in r if _tag(c) in ("td", "th")) <= 1 for r in rows)


def _html_cell_text(cell: Any) -> str:
    sub = _Lines()
    sub.text(cell.text or "")
    for child in cell:
        _walk(child, sub, in_article=True, in_pre=False)
        if child.tail:
            sub.text(child.tail)
    sub.newline()
    return _cell_text("\n".join(sub.lines))


def _html_table(table: Any) -> list[str]:
    lines = []
    for child in table:
        if _tag(child) == "caption":
            cap = _html_cell_text(child)
            if cap:
                lines.append(cap)
    rows = [[_Cell(_html_cell_text(c), _span(c.get("colspan")), _span(c.get("rowspan")))
             for c in tr if _tag(c) in ("td", "th")] for tr in _rows_of(table)]
    return lines + _grid_rows(rows)


# ---------------------------------------------------------------------------------------- DOCX
def _read_docx(p: Path) -> str:
    """Returns the body of a .docx: paragraphs as lines, tables as `` | `` rows, in document order.

    Headers, footers, footnotes, comments and text boxes are not read; automatic list
    numbering (a heading's ``一、`` generated by Word) is not part of the text either.
    """
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise InputError("E304", f"{p}: reading .docx needs python-docx (pip install python-docx).") from None
    if not p.is_file():
        _read_bytes(p)  # raises the E305 that names the problem
    try:
        document = docx.Document(str(p))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError("E305", f"{p} is not a readable .docx (Office Open XML) file ({exc}). A legacy .doc "
                                 "or .wps renamed to .docx must be converted: libreoffice --headless "
                                 "--convert-to docx FILE.") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml XMLSyntaxError ...
        raise InputError("E305", f"{p} is not a readable .docx file ({type(exc).__name__}: {exc}).") from None
    lines: list[str] = []
    _docx_blocks(document.element.body, document, lines)
    return "\n".join(lines) + ("\n" if lines else "")


def _docx_blocks(container: Any, parent: Any, lines: list[str]) -> None:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for el in container.iterchildren():
        if el.tag == qn("w:p"):
            for line in Paragraph(el, parent).text.split("\n"):
                line = line.strip(" \u3000\r")
                if line:
                    lines.append(line)
        elif el.tag == qn("w:tbl"):
            lines.extend(_docx_table(el))
        elif el.tag == qn("w:sdt"):  # content controls wrap blocks in templates
            content = el.find(qn("w:sdtContent"))
            if content is not None:
                _docx_blocks(content, parent, lines)


def _docx_table(tbl: Any) -> list[str]:
    from docx.oxml.ns import qn

    rows: list[list[_Cell]] = []
    origins: list[list[tuple[int, _Cell]]] = []  # (grid column, cell) per row, for vMerge
    for tr in tbl.iterchildren(qn("w:tr")):
        row: list[_Cell] = []
        placed: list[tuple[int, _Cell]] = []
        col = int(getattr(tr, "grid_before", 0) or 0)
        for tc in tr.iterchildren(qn("w:tc")):
            span = int(getattr(tc, "grid_span", 1) or 1)
            vmerge = getattr(tc, "vMerge", None)
            text = _cell_text("\n".join(_docx_para_text(p) for p in tc.iter(qn("w:p"))))
            if vmerge == "continue" and origins:
                above = next((c for gc, c in reversed(origins[-1]) if gc == col), None)
                if above is not None:
                    above.rowspan += 1  # the cell above now covers this row too
                    placed.append((col, above))
                    col += span
                    continue
            cell = _Cell(text, span)
            row.append(cell)
            placed.append((col, cell))
            col += span
        rows.append(row)
        origins.append(placed)
    return _grid_rows(rows)


def _docx_para_text(p: Any) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text


# ---------------------------------------------------------------------------------------- PDF
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－~]?\s*\d{1,4}\s*[-—–－~]?|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
                          r"|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)\s*$", re.I)


def _read_pdf(p: Path) -> str:
    """Returns the text of a PDF: text lines outside tables, and each ruled table as `` | `` rows.

    Raises:
        InputError: E303 when the file is not a PDF, is truncated, needs a password or has
            no text layer (a scan); E305 when it cannot be opened.
    """
    raw = _read_bytes(p)
    if b"%PDF-" not in raw[:1024]:
        raise InputError("E303", f"{p} is not a PDF (no %PDF- header); check the file, or give it its real "
                                 "suffix.")
    if b"%%EOF" not in raw[-2048:]:
        raise InputError("E303", f"{p} is truncated (no %%EOF marker at the end); download it again.")
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError:
        raise InputError("E304", f"{p}: reading PDF needs pdfplumber (pip install pdfplumber).") from None
    pages: list[list[_Block]] = []
    try:
        with pdfplumber.open(str(p)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_pdf_page(page, number))
    except PDFPasswordIncorrect:
        raise InputError("E303", f"{p} is encrypted and needs a password to open; decrypt it first "
                                 "(qpdf --decrypt --password=PASSWORD in.pdf out.pdf).") from None
    except Exception as exc:  # pdfminer raises many types (PSEOF, PDFSyntaxError, KeyError...) on damage
        name = type(exc).__name__
        if "password" in name.lower() or "encrypt" in f"{name} {exc}".lower():
            raise InputError("E303", f"{p} is encrypted in a way govie cannot open ({name}: {exc}); decrypt it "
                                     "first (qpdf --decrypt in.pdf out.pdf).") from None
        raise InputError("E303", f"{p} is damaged and cannot be read ({name}: {exc}); download it again or "
                                 "repair it (qpdf in.pdf out.pdf).") from None
    blocks = _merge_split_rows(pages)
    glyphs = sum(len(b.text) for b in blocks if not b.table)
    unmapped = sum(b.text.count("\ufffd") for b in blocks if not b.table)
    if glyphs and unmapped > 0.2 * glyphs:
        raise InputError("E303", f"{p}: {unmapped} of {glyphs} characters have no Unicode mapping in the PDF's "
                                 "fonts, so its text cannot be extracted; run OCR on it (ocrmypdf -l chi_sim "
                                 "--force-ocr in.pdf out.pdf).")
    lines = _reflow(blocks)
    if not any(line.strip() for line in lines):
        raise InputError("E303", f"{p} has no text layer (a scanned image?); run OCR first "
                                 "(e.g. ocrmypdf -l chi_sim in.pdf out.pdf).")
    return "\n".join(lines) + "\n"


@dataclass
class _Block:
    """A PDF text line, or a table (``rows`` of cell texts, None where a merged cell covers)."""

    text: str
    page: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 10.0
    left: float = 0.0  # text margins of the page
    right: float = 0.0
    rows: list[list[str | None]] | None = None
    spans: list[list[tuple[float, float] | None]] | None = None  # x0, x1 of each cell, for split rows
    first: bool = False  # first / last block of its page
    last: bool = False

    @property
    def table(self) -> bool:
        return self.rows is not None


def _pdf_page(page: Any, number: int) -> list[_Block]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    lines = [ln for ln in text_page.extract_text_lines(return_chars=True, strip=False) if ln.get("chars")]
    left = min((ln["x0"] for ln in lines), default=0.0)
    # margins are taken as symmetric: the longest line alone may be a short paragraph's only line
    right = max(max((ln["x1"] for ln in lines), default=0.0), page.bbox[2] - (left - page.bbox[0]))
    items: list[_Block] = []
    for i, ln in enumerate(lines):
        chars = _unique(ln["chars"])
        text = _join_chars(chars)
        if not text or ((i == 0 or i == len(lines) - 1) and _PAGE_NUMBER.match(text)):
            continue
        size = sorted(c.get("size", 10.0) for c in chars)[len(chars) // 2] or 10.0
        items.append(_Block(text, number, ln["x0"], ln["x1"], ln["top"], ln["bottom"], size, left, right))
    for t in tables:
        rows = [[None if c is None else _cell_text(c) for c in row] for row in t.extract()]
        spans = [[None if c is None else (c[0], c[2]) for c in row.cells] for row in t.rows]
        if any(any(row) for row in rows) and [len(r) for r in rows] == [len(r) for r in spans]:
            items.append(_Block("", number, t.bbox[0], t.bbox[2], t.bbox[1], t.bbox[3], rows=rows, spans=spans))
    items.sort(key=lambda b: (b.top, b.table))
    if items:
        items[0].first = items[-1].last = True
    return items


def _unique(chars: Sequence[Any]) -> list[dict[str, Any]]:
    """The line's characters once each (pdfplumber maps every letter of a multi-letter glyph text
    such as ``(cid:12)`` to the same char object)."""
    out: list[dict[str, Any]] = []
    for ch in chars:
        if ch is not None and not (out and out[-1] is ch):
            out.append(ch)
    return out


_UNMAPPED = re.compile(r"^\(cid:\d+\)$")


def _join_chars(chars: Sequence[dict[str, Any]]) -> str:
    """A text line from its characters: a space where Latin words have a gap, two at a column gap.

    A glyph the font gives no Unicode for (pdfminer's ``(cid:N)``) becomes U+FFFD.
    """
    out: list[str] = []
    prev: dict[str, Any] | None = None
    for ch in chars:
        t = "\ufffd" if _UNMAPPED.match(ch["text"]) else ch["text"]
        if prev is not None and not t.isspace() and not prev["text"].isspace():
            gap = ch["x0"] - prev["x1"]
            em = max(min(prev.get("size", 10.0), ch.get("size", 10.0)), 1.0)
            if gap > 1.5 * em:
                out.append("  ")
            elif gap > 0.25 * em and not (_is_cjk(prev["text"][-1:]) or _is_cjk(t[:1])):
                out.append(" ")
        out.append(t)
        prev = ch
    return "".join(out).strip()


_LIST_MARKER = re.compile(r"^(?:[(（]?[一二三四五六七八九十]+[)）、.]|[(（]?\d{1,2}[)）.、．]|其中)")
_NUMERIC = re.compile(r"^[-+]?\d[\d,.]*%?$")


def _merge_split_rows(pages: Sequence[Sequence[_Block]]) -> list[_Block]:
    """Joins a table row that a page break cut in two (Word and WPS let rows break across pages).

    The first row of a table that opens a page continues the last row of the table that closed
    the previous page when each of its text cells lies under a text (label) cell of that row
    (by x position: the two pages' grids need not have the same columns), nothing lies under
    its number cells, and the text does not start a new list item (``3.`` ``（五）`` ``四、``).
    """
    out: list[_Block] = []
    for blocks in pages:
        for b in blocks:
            prev = out[-1] if out else None
            if (b.table and b.first and prev is not None and prev.table and prev.last and prev.rows and b.rows
                    and prev.page == b.page - 1):
                target = _fragment_targets(prev.rows[-1], prev.spans[-1], b.rows[0], b.spans[0])
                if target:
                    last = prev.rows[-1]
                    for k, j in target.items():
                        last[j] = _join_pieces([last[j] or "", b.rows[0][k] or ""])
                    b.rows, b.spans = b.rows[1:], b.spans[1:]
            out.append(b)
    for b in out:
        if b.rows is not None:
            b.rows = [_drop_leading_blanks(r) for r in b.rows]
    return out


def _fragment_targets(last: Sequence[str | None], last_x: Sequence[tuple[float, float] | None],
                      frag: Sequence[str | None], frag_x: Sequence[tuple[float, float] | None]) -> dict[int, int]:
    """{fragment cell: cell of ``last`` it continues}, or {} when ``frag`` is a row of its own."""

    def overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
        return min(a[1], b[1]) - max(a[0], b[0])

    target: dict[int, int] = {}
    for k, text in enumerate(frag):
        box = frag_x[k]
        if box is None:
            continue
        under = [j for j, bx in enumerate(last_x) if bx is not None and overlap(bx, box) > 1.0]
        if not text:
            continue
        if _NUMERIC.match(text) or _LIST_MARKER.match(text) or len(under) != 1:
            return {}
        j = under[0]
        if not last[j] or _NUMERIC.match(last[j] or ""):
            return {}
        target[k] = j
    for j, text in enumerate(last):  # nothing may continue a number cell
        if text and _NUMERIC.match(text) and last_x[j] is not None:
            if any(frag[k] and fx is not None and overlap(fx, last_x[j]) > 1.0 for k, fx in enumerate(frag_x)):
                return {}
    return target


def _drop_leading_blanks(row: Sequence[str | None]) -> list[str | None]:
    """Removes the empty cells before a row label (a merged label area continued on a new page)."""
    first = next((k for k, c in enumerate(row) if c), None)
    if first and not _NUMERIC.match(row[first] or ""):
        return [c for k, c in enumerate(row) if k >= first or c is None]
    return list(row)


def _reflow(blocks: Sequence[_Block]) -> list[str]:
    """Joins text lines that only the page width broke; table rows stay lines of their own."""
    lines: list[str] = []
    prev: _Block | None = None
    for b in blocks:
        if b.rows is not None:
            lines.extend(_row_line([c for c in row if c is not None]) for row in b.rows
                         if any(c for c in row))
        elif prev is not None and not prev.table and _continues(prev, b):
            lines[-1] = _join_pieces([lines[-1], b.text])
        else:
            lines.append(b.text)
        prev = b
    return lines


def _continues(prev: _Block, cur: _Block) -> bool:
    em = max(prev.size, 1.0)
    full = prev.x1 >= prev.right - 1.0 * em and prev.x0 <= prev.left + 2.5 * em
    flush_left = cur.x0 <= cur.left + 0.5 * em
    if cur.page == prev.page:
        near = 0 <= cur.top - prev.bottom <= 1.2 * em
    else:
        near = cur.page == prev.page + 1 and prev.last and cur.first
    same_size = abs(cur.size - prev.size) <= 0.15 * em
    return full and flush_left and near and same_size and "  " not in prev.text and "  " not in cur.text
