"""Render the first pages of a PDF to PNG files with pdftoppm, for a person to look at.

    .venv/bin/python -m tests.reports.png report.pdf [pages] [out-dir]

or from a test: `pages_as_png(pdf_bytes, tmp_path, pages=3)` returns the PNG paths.
"""

import subprocess
import sys
import tempfile
from pathlib import Path


def pages_as_png(pdf: bytes | Path, out_dir: Path, *, pages: int = 3, dpi: int = 60) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if isinstance(pdf, bytes):
        source = Path(tempfile.mkstemp(suffix=".pdf", dir=out_dir)[1])
        source.write_bytes(pdf)
    else:
        source = Path(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), source, out_dir / "page"],
        check=True,
        timeout=60,
    )
    return sorted(out_dir.glob("page-*.png"))


if __name__ == "__main__":
    pdf = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    out = Path(sys.argv[3]) if len(sys.argv) > 3 else pdf.with_suffix("")
    for path in pages_as_png(pdf, out, pages=count):
        print(path)
