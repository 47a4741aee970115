"""Helpers of the PDF tests: read generated PDFs back with pypdf (no external tool needed)."""
from __future__ import annotations

import re
from pathlib import Path


def reader(path: Path):
    import pypdf

    return pypdf.PdfReader(str(path))


def page_texts(path: Path) -> list[str]:
    return [p.extract_text() or "" for p in reader(path).pages]


def flat_text(path: Path) -> str:
    """All pages' text with runs of whitespace collapsed (line breaks do not matter)."""
    return re.sub(r"[ \t\r\n]+", " ", " ".join(page_texts(path)))


def outline_titles(path: Path) -> list[str]:
    out: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(str(item.title))

    walk(reader(path).outline)
    return out


def image_xobjects(path: Path) -> int:
    """Number of image XObjects on all pages (a hostile <img> must not load any)."""
    count = 0
    for page in reader(path).pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                count += 1
    return count
