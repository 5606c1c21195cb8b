"""QR codes: the SVG and PNG a client downloads decode (zxing-cpp) to the link's short URL."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
import zxingcpp
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image, ImageDraw

from flamingo.app import create_app
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, user_headers

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def app() -> Flask:
    return create_app(
        make_settings(LOG_REQUESTS="false", PUBLIC_BASE_URL="https://fla.mi.ngo", **FAST_HASH)
    )


@pytest.fixture
def link(app: Flask, client: FlaskClient) -> dict[str, Any]:
    headers = user_headers(app, "alice@example.com")
    response = client.post(
        "/api/v1/links", json={"target": "https://example.com/"}, headers=headers
    )
    body: dict[str, Any] = response.get_json()
    body["headers"] = headers
    return body


def decode(image: Image.Image) -> str:
    results = zxingcpp.read_barcodes(image)
    assert len(results) == 1, "expected exactly one QR code"
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    return str(results[0].text)


def rasterise_svg(svg: bytes) -> Image.Image:
    """Draw segno's SVG path (rows of horizontal runs: M/m moves, h lines) into a bitmap."""
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    width, height = int(root.attrib["width"]), int(root.attrib["height"])
    path = root.find(f"{SVG_NS}path")
    assert path is not None
    scale = float(re.fullmatch(r"scale\((\d+(?:\.\d+)?)\)", path.attrib["transform"]).group(1))  # type: ignore[union-attr]
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, args in re.findall(r"([MmHh])([-\d. ]+)", path.attrib["d"]):
        numbers = [float(n) for n in args.split()]
        if command in "Mm":
            dx, dy = numbers
            x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
        else:
            length = numbers[0] if command == "h" else numbers[0] - x
            top = (y - 0.5) * scale
            draw.rectangle([x * scale, top, (x + length) * scale - 1, top + scale - 1], fill=0)
            x += length
    return image


def test_png_decodes_to_the_short_url(client: FlaskClient, link: dict[str, Any]) -> None:
    response = client.get(f"/api/v1/links/{link['id']}/qr.png", headers=link["headers"])
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    assert decode(image.convert("L")) == f"https://fla.mi.ngo/{link['code']}"


def test_svg_decodes_to_the_short_url(client: FlaskClient, link: dict[str, Any]) -> None:
    response = client.get(f"/api/v1/links/{link['id']}/qr.svg", headers=link["headers"])
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert decode(rasterise_svg(response.data)) == f"https://fla.mi.ngo/{link['code']}"


def test_scale_changes_the_png_size(client: FlaskClient, link: dict[str, Any]) -> None:
    url = f"/api/v1/links/{link['id']}/qr.png"
    small = Image.open(io.BytesIO(client.get(url + "?scale=2", headers=link["headers"]).data))
    large = Image.open(io.BytesIO(client.get(url + "?scale=10", headers=link["headers"]).data))
    assert large.size[0] == small.size[0] * 5
    assert decode(large.convert("L")) == f"https://fla.mi.ngo/{link['code']}"


@pytest.mark.parametrize("scale", ["0", "41", "big"])
def test_bad_scale_is_422(client: FlaskClient, link: dict[str, Any], scale: str) -> None:
    response = client.get(
        f"/api/v1/links/{link['id']}/qr.svg?scale={scale}", headers=link["headers"]
    )
    assert response.status_code == 422 and problem(response)["errors"][0]["field"] == "scale"


def test_qr_needs_credentials(client: FlaskClient, link: dict[str, Any]) -> None:
    assert client.get(f"/api/v1/links/{link['id']}/qr.png").status_code == 401


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_qr_is_private_and_revalidated_with_an_etag(
    client: FlaskClient, link: dict[str, Any], kind: str
) -> None:
    """The browser may keep a QR code but must ask again (an alias can change it): a repeat
    request with the ETag is a body-less 304, and nothing lets a shared cache store it."""
    url = f"/api/v1/links/{link['id']}/qr.{kind}"
    first = client.get(url, headers=link["headers"])
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "private, no-cache"
    etag = first.headers["ETag"]
    again = client.get(url, headers={**link["headers"], "If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_qr_etag_changes_with_the_alias(client: FlaskClient, link: dict[str, Any]) -> None:
    url = f"/api/v1/links/{link['id']}/qr.svg"
    before = client.get(url, headers=link["headers"]).headers["ETag"]
    moved = client.patch(
        f"/api/v1/links/{link['id']}", json={"alias": "moved-qr"}, headers=link["headers"]
    )
    assert moved.status_code == 200, moved.data
    after = client.get(url, headers={**link["headers"], "If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before
    assert "moved-qr" in decode(rasterise_svg(after.data))


def test_other_api_answers_stay_no_store(client: FlaskClient, link: dict[str, Any]) -> None:
    response = client.get(f"/api/v1/links/{link['id']}", headers=link["headers"])
    assert response.headers["Cache-Control"] == "no-store"
