"""Input checks that need no framework: markup in free text, uploaded file types.

Free text in case files is shown to other professionals and exported to PDF;
markup or script in it is refused with a clear message rather than silently
escaped, so that what was typed is what is stored. Uploaded files are checked
by their first bytes, not by the name or the browser's claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from interprochance.core.textcheck import text_problem as core_text_problem


def text_problem(value: str) -> str | None:
    """None if the text is acceptable; otherwise "markup" (tags or script) or "control"."""
    problem = core_text_problem(value)
    if problem is None:
        return None
    return "control" if problem.kind == "control" else "markup"


@dataclass(frozen=True)
class FileType:
    code: str
    label: str
    extensions: tuple[str, ...]
    content_type: str


PDF = FileType("pdf", "PDF", (".pdf",), "application/pdf")
PNG = FileType("png", "PNG-Bild", (".png",), "image/png")
JPEG = FileType("jpeg", "JPEG-Bild", (".jpg", ".jpeg"), "image/jpeg")
DOCX = FileType(
    "docx",
    "Word-Dokument",
    (".docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
ODT = FileType("odt", "OpenDocument-Text", (".odt",), "application/vnd.oasis.opendocument.text")

ALLOWED_TYPES: tuple[FileType, ...] = (PDF, PNG, JPEG, DOCX, ODT)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def sniff(head: bytes, filename: str) -> FileType | None:
    """The file type from the first bytes (pass at least 2 KiB), cross-checked with the extension."""
    name = filename.lower()
    if head.startswith(b"%PDF-"):
        found = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        found = JPEG
    elif head.startswith(b"PK\x03\x04"):
        # ZIP container: OpenDocument names its mimetype right after the header
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:128]:
            found = ODT
        elif name.endswith(".docx") and (b"[Content_Types].xml" in head or b"word/" in head):
            found = DOCX
        else:
            return None
    else:
        return None
    if not name.endswith(found.extensions):
        return None
    return found


@dataclass(frozen=True)
class FileCheck:
    ok: bool
    problem: str | None  # "empty" | "too_large" | "type"
    file_type: FileType | None = None


def check_file(
    head: bytes, filename: str, size: int, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> FileCheck:
    if size <= 0:
        return FileCheck(False, "empty")
    if size > max_bytes:
        return FileCheck(False, "too_large")
    found = sniff(head, filename)
    if found is None:
        return FileCheck(False, "type")
    return FileCheck(True, None, found)
