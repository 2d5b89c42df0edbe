"""MHTML pages as browsers save them: the HTML part, its address, the images inside."""

from __future__ import annotations

from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from reader.core.errors import ExtractionError
from reader.services.mhtml import looks_like_mhtml, read_mhtml
from tests.services.article_pages import article_page

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def build_mhtml(html: str, *, location: str = "https://plot.example/gardens") -> bytes:
    message = MIMEMultipart("related", type="text/html")
    message["Snapshot-Content-Location"] = location
    message["Subject"] = "Why Gardens Grow"
    page = MIMEText(html, "html", "utf-8")
    page["Content-Location"] = location
    message.attach(page)
    image = MIMEImage(PNG, "png")
    image["Content-Location"] = "https://plot.example/img/bed.png"
    message.attach(image)
    return message.as_bytes()


def test_reads_the_page_its_address_and_images() -> None:
    html = article_page(images=("https://plot.example/img/bed.png",), headline="Grüne Gärten")
    data = build_mhtml(html)
    assert looks_like_mhtml(data)
    archive = read_mhtml(data)
    assert "Grüne Gärten" in archive.html
    assert archive.url == "https://plot.example/gardens"
    assert archive.resources["https://plot.example/img/bed.png"] == ("image/png", PNG)


def test_not_mhtml_or_no_page_is_an_error() -> None:
    with pytest.raises(ExtractionError, match="not an MHTML"):
        read_mhtml(b"just some text\n", name="notes.mht")
    message = MIMEMultipart("related")
    message.attach(MIMEImage(PNG, "png"))
    with pytest.raises(ExtractionError, match="no HTML page"):
        read_mhtml(message.as_bytes(), name="pictures.mht")
