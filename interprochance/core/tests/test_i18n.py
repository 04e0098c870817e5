"""The English UI catalogue: complete for every string in the code, compiled as
committed, and used when a visitor chooses English (German stays the default)."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "interprochance" / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _catalog(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def test_catalogue_is_fully_translated_and_the_committed_mo_matches(tmp_path):
    fresh = tmp_path / "django.mo"
    done = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(fresh), str(PO)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "untranslated" not in done.stderr and "fuzzy" not in done.stderr, done.stderr
    assert _catalog(fresh) == _catalog(MO), "the .mo is stale: run `make messages`"


def test_every_ui_string_in_the_code_has_an_english_translation(tmp_path, settings, monkeypatch):
    """New German strings without a translation fail here; `make messages` lists them.

    makemessages adopts every folder named "locale" it walks through, so it runs on a
    copy of the code without the catalogue, writing into the copy only."""
    source = tmp_path / "src"
    skip = shutil.ignore_patterns("locale", "static", "__pycache__", "*.pyc", "*.json", "*.csv")
    for part in ("config", "interprochance"):
        shutil.copytree(ROOT / part, source / part, ignore=skip)
    monkeypatch.chdir(source)
    settings.LOCALE_PATHS = [tmp_path / "extracted"]
    call_command("makemessages", locale=["en"], no_location=True, verbosity=0)
    extracted = tmp_path / "extracted" / "en" / "LC_MESSAGES" / "django.po"
    done = subprocess.run(["msgcmp", str(PO), str(extracted)], capture_output=True, text=True)
    assert done.returncode == 0, "untranslated or missing in the catalogue:\n" + done.stderr[:3000]
    # the copy held the code: about as many strings as the catalogue has
    found = extracted.read_text().count("\nmsgid ")
    assert found >= 0.9 * PO.read_text().count("\nmsgid ")


@pytest.mark.django_db
def test_english_when_chosen_german_by_default(client_as, core_demo):
    with translation.override("en"):
        overview = translation.gettext("Übersicht")
        sign_out = translation.gettext("Abmelden")
    assert overview != "Übersicht" and sign_out != "Abmelden"

    client = client_as("demo-planung")
    page = client.get("/uebersicht/").content.decode()
    assert '<html lang="de">' in page and "Übersicht" in page

    client.post("/sprache/", {"language": "en", "next": "/uebersicht/"})
    page = client.get("/uebersicht/").content.decode()
    assert '<html lang="en">' in page and overview in page and sign_out in page
    assert "Übersicht" not in page

    public = Client(headers={"accept-language": "en"})
    assert '<html lang="en">' in public.get("/").content.decode()


@pytest.mark.django_db
def test_public_finder_shows_the_vocabularies_in_english(core_demo):
    """The directory's vocabularies live in pure Python; their labels are translated
    where they are shown (filters, service cards)."""
    with translation.override("en"):
        phase = translation.gettext("Frühe Kindheit / Kita")
        language = translation.gettext("Türkisch")
    assert phase != "Frühe Kindheit / Kita" and language != "Türkisch"
    page = Client(headers={"accept-language": "en"}).get("/angebote/").content.decode()
    assert phase in page and language in page
    assert "Frühe Kindheit / Kita" not in page and "Türkisch" not in page
    german = Client().get("/angebote/").content.decode()
    assert "Frühe Kindheit / Kita" in german and "Türkisch" in german


def test_a_filled_in_message_is_german_text_and_translates_through_its_msgid():
    """Pure modules fill in German messages; the reader's language comes later."""
    import json
    import pickle

    from interprochance.core import labels
    from interprochance.core.translatable import Message

    english = {"%(page)s: %(n)s offen": "%(page)s: %(n)s open", "Übersicht": "Overview"}
    message = Message("%(page)s: %(n)s offen", page=Message("Übersicht"), n=3)
    assert message == "Übersicht: 3 offen" and isinstance(message, str)
    assert json.dumps(message) == '"\\u00dcbersicht: 3 offen"'  # stored as German
    assert pickle.loads(pickle.dumps(message)).msgid == message.msgid
    assert message.translated_with(lambda s: english.get(s, s)) == "Overview: 3 open"
    with translation.override("en"):
        assert labels.text(Message("Übersicht")) == translation.gettext("Übersicht") != "Übersicht"
        assert labels.text(Message("")) == ""
