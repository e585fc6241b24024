"""Build small test documents in memory: hand-written PDFs, DOCX files and zip bombs.

No PDF library here can write text, so :func:`make_pdf` writes the PDF objects by hand
(Helvetica, WinAnsi encoding, a correct xref table), which pypdf reads back exactly.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from docx import Document

_LINES_PER_PAGE = 48


def _pdf_string(line: str) -> bytes:
    """One line as a PDF literal string: WinAnsi bytes, with ( ) \\ and non-ASCII escaped."""
    out = bytearray(b"(")
    for byte in line.encode("cp1252", errors="replace"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += f"\\{byte:03o}".encode("ascii")
        else:
            out.append(byte)
    out += b")"
    return bytes(out)


def _content_stream(lines: Sequence[str]) -> bytes:
    parts = [b"BT /F1 11 Tf 14 TL 50 750 Td"]
    for index, line in enumerate(lines):
        if index:
            parts.append(b"T*")
        parts.append(_pdf_string(line) + b" Tj")
    parts.append(b"ET")
    return b"\n".join(parts)


def make_pdf(text_lines: Sequence[str], *, with_text: bool = True) -> bytes:
    """A valid PDF showing ``text_lines`` (48 lines a page); ``with_text=False`` gives
    pages without any content stream, like a scan whose images were left out."""
    lines = list(text_lines) or [""]
    chunks = [lines[i : i + _LINES_PER_PAGE] for i in range(0, len(lines), _LINES_PER_PAGE)]
    # Object numbers: 1 catalog, 2 pages, 3 font, then a (page, content) pair per chunk.
    page_ids = [4 + 2 * i for i in range(len(chunks))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids ["
        + b" ".join(f"{pid} 0 R".encode() for pid in page_ids)
        + f"] /Count {len(chunks)} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    for page_id, chunk in zip(page_ids, chunks, strict=True):
        content_id = page_id + 1
        contents = f" /Contents {content_id} 0 R".encode() if with_text else b""
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            b" /Resources << /Font << /F1 3 0 R >> >>" + contents + b" >>"
        )
        stream = _content_stream(chunk) if with_text else b""
        objects[content_id] = f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref_at = len(out)
    out += f"xref\n0 {size}\n".encode()
    out += b"0000000000 65535 f \n"
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def make_docx(paragraphs: Sequence[str], *, table_rows: Sequence[Sequence[str]] = ()) -> bytes:
    """A DOCX with one paragraph per item, then an optional table."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=max(len(r) for r in table_rows))
        for row, values in zip(table.rows, table_rows, strict=True):
            for cell, value in zip(row.cells, values, strict=False):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip_bomb_docx(uncompressed_mb: int = 200) -> bytes:
    """A ZIP holding ``word/document.xml`` of ``uncompressed_mb`` MB of zeros.

    Written in 1 MB chunks, so building it is quick and needs little memory; deflate
    squeezes zeros about 1000:1, so the archive itself is only a few hundred KB.
    """
    buffer = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(uncompressed_mb):
                member.write(chunk)
    return buffer.getvalue()


# A résumé in another language: the model is English-only, so it must come with a warning.
FRENCH_RESUME = """Conseillère clientèle
Expérience
Conseillère clientèle chez Orange depuis 2018 : je réponds aux appels des clients et je traite les
réclamations avec patience. J'ai formé les nouveaux conseillers de l'équipe et j'ai amélioré la
satisfaction des clients de dix points. Gestion des litiges, des remboursements et des résiliations.
Formation
Licence de langues étrangères appliquées, Université de Lyon
"""
