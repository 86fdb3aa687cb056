"""`kiosk publish`: the online versions the QR codes lead to."""

from __future__ import annotations

import argparse
import dataclasses
import os
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.announcements.model import AnnouncementError
from kiosk.announcements.publish import (
    TEXT_QR_LIMIT,
    PublishError,
    announcement_url,
    page_path,
    qr_payload,
)
from kiosk.commands.announcements import publish_site
from kiosk.core import config as config_module
from kiosk.core.text import strip_controls
from kiosk.services import Services

VOID = {"meta", "br", "link", "img", "hr", "input"}


class Page(HTMLParser):
    """Checks one page: well nested, lang/dir, no script, no external resource."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.html_attrs: dict[str, str | None] = {}
        self.doctype = ""
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []
        self.meta: list[dict[str, str | None]] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "html":
            self.html_attrs = found
        if tag == "meta":
            self.meta.append(found)
        for name, value in attrs:
            if name.startswith("on") or name in ("src", "srcset"):
                self.problems.append(f"{tag} {name}")
            if name == "href" and value is not None:
                self.links.append(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] not in ("style", "title"):
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.doctype.lower() == "doctype html", path
    assert not page.problems, (path, page.problems)
    assert not page.stack, (path, page.stack)
    assert "script" not in page.tags and "iframe" not in page.tags
    assert any(m.get("charset") == "utf-8" for m in page.meta)
    assert any(m.get("name") == "viewport" for m in page.meta)
    return page


def test_every_qr_url_is_a_page_that_publish_wrote(demo_services: Services, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert publish_site(argparse.Namespace(out=out), demo_services) == 0
    printed = set(capsys.readouterr().out.split())
    config = demo_services.config
    base = config.online.base_url
    book = demo_services.announcements
    current = book.current()
    assert current
    for lang in demo_services.i18n.languages:
        tr = demo_services.i18n.translator(lang.code)
        for announcement in current:
            url = qr_payload(config, book.reading(announcement, tr))
            assert url == announcement_url(config, lang.code, announcement.id)
            assert url in printed
            assert url.startswith(base)
            page = parse(out / url[len(base):])
            assert page.html_attrs["lang"] == lang.code
            assert page.html_attrs["dir"] == lang.direction
    # Held announcements are not online before their publication.
    assert not (out / page_path("fr", "photo-classe")).exists()


def test_pages_parse_with_the_right_lang_and_dir_and_links_resolve(
    demo_services: Services, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    site = demo_services.publisher.publish(out)
    # Per language: the index, "Ce que vous avez dit" (the demo has results and actions) and
    # each announcement's page.
    assert len(site.pages) == 1 + len(demo_services.i18n.languages) * (
        2 + len(demo_services.announcements.released())
    )
    for written in site.pages:
        path = out / written.path
        page = parse(path)
        lang = written.path.split("/")[0] if "/" in written.path else "fr"
        assert page.html_attrs["lang"] == lang
        assert page.html_attrs["dir"] == ("rtl" if lang in ("ar", "fa") else "ltr")
        for link in page.links:
            assert "://" not in link and not link.startswith("//"), link
            assert (path.parent / link).resolve().is_file(), (path, link)
    arabic = (out / "ar" / "menu-cantine.html").read_text("utf-8")
    assert "قائمة طعام الأسبوع" in arabic
    # The English canteen translation is outdated: French under the fallback line.
    english = (out / "en" / "menu-cantine.html").read_text("utf-8")
    assert "not translated into your language yet" in english
    assert '<h1 lang="fr" dir="ltr">Cantine : le menu de la semaine</h1>' in english
    albanian_index = (out / "sq" / "index.html").read_text("utf-8")
    assert '<span lang="fr" dir="ltr">Sortie au musée' in albanian_index


def test_html_and_markup_are_shown_as_typed(services: Services, tmp_path: Path) -> None:
    nasty = "<script>alert('x')</script> & [bold]gras[/] [link=http://x]l[/link] \x1b[31mrouge"
    a = services.announcements.write(title="Titre <b>\"x\"</b>", text=nasty, urgent=True)
    services.announcements.translate(a.id, "ar", "<i>عنوان</i>", "نص </p><script>")
    services.publisher.publish(tmp_path / "site")
    fr = parse(tmp_path / "site" / page_path("fr", a.id))
    assert "".join(fr.text).count(strip_controls(nasty)) == 1
    assert "[bold]gras[/]" in "".join(fr.text)
    ar = parse(tmp_path / "site" / page_path("ar", a.id))
    assert "نص </p><script>" in "".join(ar.text)
    assert "<i>عنوان</i>" in "".join(ar.text)


def test_without_base_url_the_qr_carries_the_words(services: Services, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    services.config = config_module.replace(services.config, "online", base_url="")
    a = services.announcements.write(title="Grève", text="Demain. " * 80, urgent=True)
    shown = services.announcements.reading(a, services.i18n.translator("fr"))
    payload = qr_payload(services.config, shown)
    assert payload.startswith("Grève\nDemain.") and len(payload) <= TEXT_QR_LIMIT
    assert announcement_url(services.config, "fr", a.id) is None
    assert publish_site(argparse.Namespace(out=tmp_path / "s"), services) == 0
    captured = capsys.readouterr()
    assert str(tmp_path / "s" / page_path("fr", a.id)) in captured.out.split()
    assert "base_url" in captured.err


def test_a_foreign_folder_is_refused_and_old_pages_are_removed(services: Services,
                                                               tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "précieux.txt").write_text("ne pas effacer")
    with pytest.raises(PublishError, match="pas vide"):
        services.publisher.publish(foreign)
    assert sorted(p.name for p in foreign.iterdir()) == ["précieux.txt"]
    a = services.announcements.write(title="A", text="a", urgent=True)
    out = tmp_path / "site"
    services.publisher.publish(out)
    assert (out / page_path("es", a.id)).is_file()
    (out / "keep.txt").write_text("mine")
    services.announcements.remove(a.id)
    site = services.publisher.publish(out)
    assert page_path("es", a.id) in site.removed
    assert not (out / page_path("es", a.id)).exists()
    assert (out / "keep.txt").exists()


FIXTURE_OK = [HealthCheck.function_scoped_fixture]


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURE_OK)
@given(title=st.text(min_size=1, max_size=50), text=st.text(min_size=1, max_size=200))
def test_any_text_makes_valid_pages(services: Services, title: str, text: str) -> None:
    book = services.announcements
    try:
        a = book.write(title=title, text=text, urgent=True)
    except AnnouncementError:
        return
    book.translate(a.id, "fa", a.title, a.text)
    files = services.publisher.build()
    for lang in ("fr", "fa"):
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "p.html"
            path.write_text(files[page_path(lang, a.id)], encoding="utf-8")
            page = parse(path)
        words = "".join(page.text)
        assert a.title in words
        for line in a.text.split("\n"):
            assert line.strip() in words
    book.remove(a.id)


def test_config_replace_keeps_services_usable(services: Services) -> None:
    # the QR function reads the configuration it is given, nothing cached
    other = dataclasses.replace(services.config)
    assert announcement_url(other, "fr", "x") == (
        services.config.online.base_url.rstrip("/") + "/fr/x.html"
    )


def test_published_site_is_world_readable_and_data_stays_private(tmp_path: Path) -> None:
    """A web server running as another user reads the pages (issue 16), even when staff have
    a strict umask; the data files the site is made from stay the owner's alone."""
    from kiosk.cli import DEMO_CONFIG, main

    data, out = tmp_path / "data", tmp_path / "site"
    previous = os.umask(0o077)
    try:
        assert main(["publish", "--out", str(out), "--config", str(DEMO_CONFIG), "--demo",
                     "--data-dir", str(data)]) == 0
    finally:
        os.umask(previous)
    pages = [p for p in out.rglob("*") if p.is_file()]
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    assert len(pages) > 10 and len(folders) > 2
    assert {stat.S_IMODE(p.stat().st_mode) for p in pages} == {0o644}
    assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o755}
    data_files = [p for p in data.rglob("*.json")]
    assert data_files
    assert {stat.S_IMODE(p.stat().st_mode) for p in data_files} == {0o600}
