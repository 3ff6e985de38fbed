"""What a meeting's attachment may be: the type read from the file's content, never its name.

`inspect_upload` reads the first bytes with `filetype` (which also looks inside the ZIP
container of DOCX, XLSX and ODT), refuses anything but the six kinds we take, a name that
says another kind than the content, a macro-enabled Office file, and a file above
`settings.MEETING_ATTACHMENT_MAX_BYTES`. It gives the cleaned original name, the content
type to serve the file with, its size and its SHA-256.
"""

import hashlib
import os
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.errors import DomainError


@dataclass(frozen=True)
class Kind:
    mime: str
    extensions: tuple[str, ...]
    label: object
    zipped: bool = False


KINDS = {
    kind.mime: kind
    for kind in (
        Kind("application/pdf", ("pdf",), gettext_lazy("PDF")),
        Kind(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
            gettext_lazy("Word (DOCX)"),
            zipped=True,
        ),
        Kind(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
            gettext_lazy("Excel (XLSX)"),
            zipped=True,
        ),
        Kind(
            "application/vnd.oasis.opendocument.text",
            ("odt",),
            gettext_lazy("OpenDocument-tekst (ODT)"),
            zipped=True,
        ),
        Kind("image/png", ("png",), gettext_lazy("PNG")),
        Kind("image/jpeg", ("jpg", "jpeg"), gettext_lazy("JPEG")),
    )
}

# filetype reads no further than this.
HEAD_BYTES = 8192
NAME_MAX_LENGTH = 255


@dataclass(frozen=True)
class Inspected:
    name: str
    content_type: str
    size: int
    sha256: str


def accepted_kinds() -> str:
    """The kinds we take, in words, for the field's help text."""
    return ", ".join(str(kind.label) for kind in KINDS.values())


def clean_name(raw: str, kind: Kind) -> str:
    """The original file name without any folder, NUL byte or other control character, cut
    to the field's length with its extension kept; a name left empty becomes "bilag"."""
    name = (raw or "").replace("\\", "/").split("/")[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))
    name = name.strip().lstrip(".").strip()
    stem, ext = os.path.splitext(name)
    if not stem:
        return f"{_('bilag')}.{kind.extensions[0]}"
    if len(name) > NAME_MAX_LENGTH:
        name = stem[: NAME_MAX_LENGTH - len(ext)] + ext
    return name


def _refuse(message) -> None:
    raise DomainError(message, field="file")


def _macro_free_container(upload) -> bool:
    """A DOCX/XLSX/ODT is a ZIP archive: it must open as one and carry no macros."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return not any(n.lower().endswith("vbaproject.bin") or n.startswith("Basic/") for n in names)


def inspect_upload(upload) -> Inspected:
    """Check an uploaded file; raise `DomainError(field="file")` with a Danish sentence."""
    limit = settings.MEETING_ATTACHMENT_MAX_BYTES
    size = upload.size
    if not size:
        _refuse(_("Filen er tom."))
    if size > limit:
        _refuse(
            _("Filen fylder %(size)s. Et bilag må højst fylde %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    guessed = filetype.guess(head)
    kind = KINDS.get(guessed.mime) if guessed is not None else None
    if kind is None:
        _refuse(
            _(
                "Filens indhold er ikke en af de filtyper, der kan lægges ved et møde: "
                "%(kinds)s. Det afgøres af indholdet, ikke af filnavnet."
            )
            % {"kinds": accepted_kinds()}
        )
    extension = os.path.splitext(upload.name or "")[1].lstrip(".").lower()
    if extension not in kind.extensions:
        _refuse(
            _(
                "Filens indhold er %(kind)s, men navnet ender på “.%(extension)s”. Giv filen "
                "det navn, der passer til indholdet, og prøv igen."
            )
            % {"kind": kind.label, "extension": extension}
            if extension
            else _(
                "Filens indhold er %(kind)s, men navnet har ingen filendelse. Giv filen "
                "endelsen “.%(extension)s”, og prøv igen."
            )
            % {"kind": kind.label, "extension": kind.extensions[0]}
        )
    if kind.zipped and not _macro_free_container(upload):
        _refuse(
            _("Filen kan ikke åbnes som %(kind)s, eller den indeholder makroer.")
            % {"kind": kind.label}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Inspected(
        name=clean_name(upload.name, kind),
        content_type=kind.mime,
        size=size,
        sha256=digest.hexdigest(),
    )
