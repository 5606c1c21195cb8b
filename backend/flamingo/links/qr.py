"""QR codes of short URLs (segno): SVG for print and the web, PNG for everything else."""

from __future__ import annotations

import io
from typing import Literal

import segno

Kind = Literal["svg", "png"]
MEDIA_TYPES: dict[Kind, str] = {"svg": "image/svg+xml", "png": "image/png"}
# Modules of quiet zone around the code: the standard asks for four.
BORDER = 4
DEFAULT_SCALE: dict[Kind, int] = {"svg": 4, "png": 8}
MAX_SCALE = 40


def render(url: str, kind: Kind, scale: int | None = None) -> bytes:
    """The QR code of ``url``; error correction M (segno raises it when the size allows)."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    size = scale or DEFAULT_SCALE[kind]
    if kind == "svg":
        code.save(out, kind="svg", scale=size, border=BORDER, xmldecl=False, title=url)
    else:
        code.save(out, kind="png", scale=size, border=BORDER)
    return out.getvalue()
