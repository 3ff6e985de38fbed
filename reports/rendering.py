"""A report's HTML (Django templates under reports/pdf/, autoescaped) and its PDF (WeasyPrint).

WeasyPrint gets one `FontConfiguration` for the stylesheet and `write_pdf`, so the
stylesheet's `@font-face` (IBM Plex Sans, shipped in static/fonts/) is used; the tagged
`pdf/ua-1` variant with the document's title and `lang="da"`; and `StaticOnlyFetcher`, which
reads the project's own static files and `data:` URLs and refuses everything else: a file
path, http(s), anything a user's text might name.
"""

import logging
import posixpath
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Document, Report

# WeasyPrint tells every step of every page at INFO; a worker's log needs none of it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

# The origin the PDF's own files are named under; it never reaches the network.
STATIC_ORIGIN = "https://static.forlobsportalen.invalid/"
STYLESHEET = "css/reports.css"


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    pdf_seconds: float


def static_file(path: str) -> Path | None:
    """The project's static file at `path` (no way out of the static folders), or None."""
    path = posixpath.normpath(unquote(path)).lstrip("/")
    if path.startswith("..") or "\x00" in path:
        return None
    found = finders.find(path)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        candidate = (Path(settings.STATIC_ROOT) / path).resolve()
        root = Path(settings.STATIC_ROOT).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


def static_fetcher():
    """A WeasyPrint URL fetcher for `STATIC_ORIGIN` + static files and `data:` URLs only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"data", "https"}, allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            static_prefix = STATIC_ORIGIN + settings.STATIC_URL.lstrip("/")
            parts = urlsplit(url)
            if url.startswith(static_prefix) and not parts.query:
                found = static_file(parts.path[len(urlsplit(static_prefix).path) :])
                if found is not None:
                    return URLFetcherResponse(url, found.read_bytes())
            self.refused.append(url)
            raise ValueError(f"Not one of the project's static files: {url[:200]}")

    return StaticOnlyFetcher()


def write_pdf(html: str, *, fetcher=None) -> Rendered:
    """`html` as a tagged A4 PDF."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = fetcher or static_fetcher()
    started = time.monotonic()
    font_config = FontConfiguration()
    stylesheet_path = static_file(STYLESHEET)
    css = CSS(
        string=stylesheet_path.read_text(encoding="utf-8"),
        base_url=STATIC_ORIGIN + settings.STATIC_URL.lstrip("/") + STYLESHEET,
        url_fetcher=fetcher,
        font_config=font_config,
    )
    # `HTML.write_pdf(font_config=...)` is `render(font_config=...).write_pdf()`: rendered
    # here in two steps to keep the page count.
    document = HTML(string=html, base_url=STATIC_ORIGIN, url_fetcher=fetcher).render(
        stylesheets=[css], font_config=font_config, pdf_variant="pdf/ua-1"
    )
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return Rendered(pdf=pdf, pages=len(document.pages), pdf_seconds=time.monotonic() - started)


def build_html(report) -> str:
    """The report's HTML, in Danish whatever the requester's language."""
    with translation.override("da"):
        if report.document == Document.DEVELOPMENT_PLAN:
            from .documents import development_plan_context

            context = development_plan_context(report)
            template = "reports/pdf/development_plan.html"
        elif report.document == Document.ANCHORING_PLAN:
            from .documents import anchoring_plan_context

            context = anchoring_plan_context(report)
            template = "reports/pdf/anchoring_plan.html"
        elif report.document == Document.PROGRAMME_STATUS:
            from .documents import status_context

            context = status_context(report)
            template = "reports/pdf/programme_status.html"
        else:
            raise ValueError(_("Dokumentet kan ikke laves som PDF endnu."))
        return render_to_string(template, {**context, "is_programme": isinstance(report, Report)})


def render_pdf(report) -> Rendered:
    return write_pdf(build_html(report))
