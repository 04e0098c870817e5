"""PDF rendering with WeasyPrint from the same Django templates as the HTML views."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(
    template_name: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    base_url = str(settings.BASE_DIR / "interprochance" / "static")
    return HTML(string=html, base_url=base_url).write_pdf()


DOCUMENT_CSS = settings.BASE_DIR / "interprochance" / "static" / "css" / "document.css"


def document_pdf(page: str, *, footer: str) -> bytes:
    """A printed document (report, guideline) from a complete HTML page, with the shared
    document stylesheet and `footer` at the bottom left of every page."""
    from weasyprint import CSS, HTML

    quoted = footer.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    footer_css = CSS(string=f'@page {{ @bottom-left {{ content: "{quoted}"; }} }}')
    return HTML(string=page).write_pdf(stylesheets=[CSS(filename=str(DOCUMENT_CSS)), footer_css])


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.pdf"'
    return response
