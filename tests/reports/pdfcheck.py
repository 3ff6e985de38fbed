"""What a test reads from a PDF: pages, text (pdftotext), title, language, tagging, images."""

import subprocess
from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader


@dataclass(frozen=True)
class PdfFacts:
    pages: int
    text: str
    title: str
    lang: str
    marked: bool
    tagged: bool
    images: int
    ua: bool


def _images(reader) -> int:
    found = 0
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for ref in xobjects.values():
            if ref.get_object().get("/Subtype") == "/Image":
                found += 1
    return found


def read_pdf(data: bytes) -> PdfFacts:
    reader = PdfReader(BytesIO(data))
    root = reader.trailer["/Root"]
    mark_info = root.get("/MarkInfo") or {}
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data().decode(errors="replace") if metadata else ""
    return PdfFacts(
        pages=len(reader.pages),
        text=text,
        title=(reader.metadata.title if reader.metadata else "") or "",
        lang=str(root.get("/Lang", "")),
        marked=bool(mark_info.get("/Marked")),
        tagged="/StructTreeRoot" in root,
        images=_images(reader),
        ua="pdfuaid:part" in xmp,
    )
