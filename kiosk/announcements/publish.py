"""The online versions of the announcements: a static website that `kiosk publish` writes.

The folder holds, for every enabled language, an index of the current announcements
(``fr/index.html``, ``ar/index.html``…) and one page per announcement
(``ar/conseil-ecole.html``), plus a root ``index.html`` listing the languages. When the
questionnaire's results are given back to parents, each language also has the page "Ce que
vous avez dit" (``ar/ce_que_vous_avez_dit.html``, :data:`SUMMARY_PAGE`), linked first from
its index. Every page is a
self-contained HTML5 file: the right ``lang`` and ``dir`` attributes, a viewport for phones,
inline CSS, no JavaScript, no external resource (fonts, images, scripts), every text
HTML-escaped. A school copies the folder to its website as it is (see the README).

The QR codes the kiosk shows and prints carry exactly :func:`announcement_url`: the configured
``[online] base_url`` followed by the page's path (:func:`page_path`). When no base URL is
configured there is no page to point to, and :func:`qr_payload` puts the announcement's own
words into the code instead (title and the start of the text, at most
:data:`TEXT_QR_LIMIT` characters), so a phone that scans it still shows the news.

Pages are written for every announcement parents have been able to see this year, including
expired ones (a ticket printed last month still leads somewhere), and for those of the
previous school year that ended there (a ticket printed in June still leads somewhere in
September; the years before are not published), while the indexes list the current ones
only. A manifest (``.kiosk-publish.json``) records what the last run wrote, so a
new run removes the pages of deleted announcements and never touches anything else; a
non-empty folder without that manifest is refused.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kiosk.announcements.model import Announcement
from kiosk.announcements.reading import Reading, parent_order
from kiosk.core.config import Config
from kiosk.core.i18n import N_, Translator
from kiosk.core.store import write_atomically

if TYPE_CHECKING:
    from kiosk.announcements.book import AnnouncementBook
    from kiosk.core.audit import AuditLog
    from kiosk.core.i18n import I18n

MANIFEST = ".kiosk-publish.json"
#: The site is copied to, or served by, a web server running as another user: its pages are
#: world-readable and its folders world-listable (the data files stay private, 0600).
PAGE_MODE = 0o644
FOLDER_MODE = 0o755
TEXT_QR_LIMIT = 280

INDEX_TITLE = N_("Annonces de l'école")
NO_ANNOUNCEMENT = N_("Pas d'annonce en ce moment.")
EXPIRED_NOTE = N_("Cette annonce n'est plus d'actualité.")
ALL_ANNOUNCEMENTS = N_("Toutes les annonces")
OTHER_LANGUAGES = N_("Autres langues :")
#: The page of the results given back to parents ("Ce que vous avez dit"), beside the
#: announcements' pages: an announcement's id never holds "_", so it never takes this name.
SUMMARY_PAGE = "ce_que_vous_avez_dit"


class PublishError(Exception):
    """The site cannot be written where asked (message in plain words)."""


# --- addresses: the single source of truth for the QR codes ----------------------------------


def index_path(lang: str) -> str:
    return f"{lang}/index.html"


def page_path(lang: str, announcement_id: str) -> str:
    """Path of one announcement's page in one language, relative to the site's root."""
    return f"{lang}/{announcement_id}.html"


def base_url(config: Config) -> str:
    """The configured base URL with a trailing slash, or "" when none is configured."""
    base = config.online.base_url.strip()
    if base and not base.endswith("/"):
        base += "/"
    return base


def announcement_url(config: Config, lang: str, announcement_id: str) -> str | None:
    """The address of an announcement's online page, or None without a base URL."""
    base = base_url(config)
    return base + page_path(lang, announcement_id) if base else None


def qr_payload(config: Config, shown: Reading) -> str:
    """What the QR code of an announcement carries: its page's address, else its words."""
    return page_payload(config, shown.lang, shown.id, f"{shown.title}\n{shown.text}")


def page_payload(config: Config, lang: str, page_id: str, words: str) -> str:
    """What the QR code of a published page carries: its address, else (no base URL) the
    start of its `words`, at most :data:`TEXT_QR_LIMIT` characters."""
    url = announcement_url(config, lang, page_id)
    if url is not None:
        return url
    if len(words) > TEXT_QR_LIMIT:
        words = words[: TEXT_QR_LIMIT - 1].rstrip() + "…"
    return words


# --- pages -------------------------------------------------------------------------------------

CSS = """
html{font-size:112.5%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
line-height:1.55;margin:0;padding:1rem;background:#fff;color:#111;max-width:40rem;
margin-inline:auto;overflow-wrap:anywhere}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:0}
a{color:#0b3d91}
ul.list{list-style:none;padding:0;margin:0}
ul.list li{border:2px solid #333;border-radius:.5rem;margin:0 0 .75rem;padding:.75rem}
ul.list a{text-decoration:none;display:block}
.meta{color:#333;font-size:.9rem;margin:.25rem 0}
.mark{display:inline-block;background:#111;color:#fff;border-radius:.25rem;padding:0 .4rem;
font-size:.85rem;margin-inline-end:.4rem}
.note{border-inline-start:.3rem solid #8a5a00;background:#fff4d6;padding:.5rem .75rem;
margin:1rem 0}
.text p{margin:0 0 1rem}
h2{margin:1.25rem 0 .5rem}
.figures li{font-size:1.05rem}
.figure{display:block;font-size:1.6rem}
nav{margin:1.5rem 0 0;font-size:.95rem}
nav a{margin-inline-end:.75rem}
footer{margin-top:2rem;color:#333;font-size:.85rem}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _paragraphs(text: str) -> str:
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(
        "<p>" + "<br>".join(_e(line) for line in block.strip("\n").split("\n")) + "</p>"
        for block in blocks
    )


def _html_lang(code: str) -> str:
    return code.replace("_", "-")


def _document(tr: Translator, title: str, body: str, school: str) -> str:
    lang = tr.language
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(_html_lang(lang.code))}" dir="{lang.direction}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)} — {_e(school)}</title>\n"
        f"<style>{CSS}</style>\n"
        "</head>\n"
        f"<body>\n{body}\n"
        f"<footer>{_e(school)}</footer>\n"
        "</body>\n</html>\n"
    )


def _marks(tr: Translator, shown: Reading) -> str:
    marks = []
    if shown.urgent:
        marks.append(tr("Urgent"))
    if shown.new:
        marks.append(tr("Nouveau"))
    return "".join(f'<span class="mark">{_e(m)}</span>' for m in marks)


def _french(text: str, element: str = "div") -> str:
    return f'<{element} lang="fr" dir="ltr">{text}</{element}>'


def announcement_page(
    tr: Translator, shown: Reading, school: str, *, expired: bool = False
) -> str:
    """One announcement's page in one language (French text under the fallback line)."""
    title = _e(shown.title)
    heading = f"<h1>{title}</h1>" if shown.translated else _french(title, "h1")
    parts = [
        f'<p class="meta">{_marks(tr, shown)}{_e(shown.category)} · {_e(shown.published_text)}'
        "</p>",
    ]
    if expired:
        parts.append(f'<p class="note">{_e(tr(EXPIRED_NOTE))}</p>')
    if shown.note:
        parts.append(f'<p class="note">{_e(shown.note)}</p>')
    body_text = f'<div class="text">{_paragraphs(shown.text)}</div>'
    if shown.translated:
        parts.insert(0, heading)
        parts.append(body_text)
    else:
        parts.insert(0, heading)
        parts.append(f'<div class="text" lang="fr" dir="ltr">{_paragraphs(shown.text)}</div>')
    parts.append(f'<nav><a href="index.html">{_e(tr(ALL_ANNOUNCEMENTS))}</a></nav>')
    return _document(tr, shown.title, "\n".join(parts), school)


def index_page(tr: Translator, readings: list[Reading], school: str,
               languages: list[tuple[str, str, str]], summary: str | None = None) -> str:
    """The list of current announcements in one language, with links to the other languages
    (and first, when there is one, to the results given back to parents: `summary` is its
    title)."""
    parts = [f"<h1>{_e(tr(INDEX_TITLE))}</h1>"]
    if summary is not None:
        parts.append(f'<ul class="list"><li><a href="{SUMMARY_PAGE}.html"><h2>{_e(summary)}'
                     "</h2></a></li></ul>")
    if not readings:
        parts.append(f"<p>{_e(tr(NO_ANNOUNCEMENT))}</p>")
    else:
        items = []
        for shown in readings:
            title = _e(shown.title)
            if not shown.translated:
                title = f'<span lang="fr" dir="ltr">{title}</span>'
            items.append(
                f'<li><a href="{_e(shown.id)}.html"><h2>{title}</h2>'
                f'<p class="meta">{_marks(tr, shown)}{_e(shown.category)} · '
                f"{_e(shown.published_text)}</p></a></li>"
            )
        parts.append('<ul class="list">' + "".join(items) + "</ul>")
    links = "".join(
        f'<a href="../{_e(index_path(code))}" lang="{_e(_html_lang(code))}" dir="{direction}">'
        f"{_e(name)}</a>"
        for code, name, direction in languages
        if code != tr.code
    )
    parts.append(f"<nav>{_e(tr(OTHER_LANGUAGES))} {links}</nav>")
    return _document(tr, tr(INDEX_TITLE), "\n".join(parts), school)


def root_page(fr: Translator, languages: list[tuple[str, str, str]], school: str) -> str:
    """The site's root: one link per language, each in its own script and direction."""
    links = "".join(
        f'<li><a href="{_e(index_path(code))}" lang="{_e(_html_lang(code))}" dir="{direction}">'
        f"<h2>{_e(name)}</h2></a></li>"
        for code, name, direction in languages
    )
    body = f"<h1>{_e(fr(INDEX_TITLE))}</h1>\n<ul class=\"list\">{links}</ul>"
    return _document(fr, fr(INDEX_TITLE), body, school)


class SummaryFigure(Protocol):
    @property
    def value(self) -> str | None: ...
    @property
    def sentence(self) -> str: ...


class SummaryReading(Protocol):
    """The results given back to parents in one language, as the site shows them
    (:class:`kiosk.questionnaire.giveback.GivebackReading` has this shape)."""

    @property
    def title(self) -> str: ...
    @property
    def figures(self) -> Sequence[SummaryFigure]: ...
    @property
    def sentences(self) -> Sequence[str]: ...
    @property
    def actions_heading(self) -> str: ...
    @property
    def actions(self) -> Sequence[str]: ...
    @property
    def actions_translated(self) -> bool: ...
    @property
    def note(self) -> str: ...


class SummarySource(Protocol):
    """What the site asks of the results given back to parents (one read, every language)."""

    def reading(self, tr: Translator) -> SummaryReading: ...


def summary_page(tr: Translator, shown: SummaryReading, school: str) -> str:
    """The page "Ce que vous avez dit" in one language (French actions under the fallback
    line when they are not translated)."""
    intro, *others = shown.sentences
    figures = "".join(
        f'<li><strong class="figure">{_e(f.value)}</strong> {_e(f.sentence)}</li>'
        if f.value is not None else f"<li>{_e(f.sentence)}</li>"
        for f in shown.figures
    )
    parts = [f"<h1>{_e(shown.title)}</h1>", f"<p>{_e(intro)}</p>",
             f'<ul class="list figures">{figures}</ul>',
             *(f"<p>{_e(sentence)}</p>" for sentence in others),
             f"<h2>{_e(shown.actions_heading)}</h2>"]
    if shown.note:
        parts.append(f'<p class="note">{_e(shown.note)}</p>')
    actions = "".join(f"<li>{_e(line)}</li>" for line in shown.actions)
    parts.append(_french(f"<ul>{actions}</ul>", "div") if not shown.actions_translated
                 else f"<ul>{actions}</ul>")
    parts.append(f'<nav><a href="index.html">{_e(tr(ALL_ANNOUNCEMENTS))}</a></nav>')
    return _document(tr, shown.title, "\n".join(parts), school)


# --- the site ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedPage:
    """One file written by :func:`publish`."""

    path: str  # relative to the output folder, with "/"
    url: str | None  # base URL + path, or None without a base URL


@dataclass(frozen=True)
class Site:
    """What :func:`publish` wrote."""

    folder: Path
    pages: list[PublishedPage]
    removed: list[str]


def _open_folders(out: Path, files: dict[str, str]) -> None:
    """Make `out` and the folders of its pages world-readable (:data:`FOLDER_MODE`)."""
    folders = {out}
    for relative in files:
        folder = (out / relative).parent
        while folder != out and folder not in folders:
            folders.add(folder)
            folder = folder.parent
    for folder in folders:
        folder.chmod(FOLDER_MODE)


def _check_folder(out: Path) -> list[str]:
    """The paths the previous run wrote (from its manifest); refuse a foreign folder."""
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out} existe et n'est pas un dossier.")
    manifest = out / MANIFEST
    if manifest.exists():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            return [str(p) for p in data.get("files", []) if isinstance(p, str)]
        except (OSError, ValueError, AttributeError) as exc:
            raise PublishError(f"{manifest} est illisible ({exc}).") from exc
    if out.is_dir() and any(out.iterdir()):
        raise PublishError(
            f"Le dossier {out} n'est pas vide et n'a pas été écrit par `kiosk publish` : "
            "choisissez un dossier vide ou nouveau (rien n'a été écrit)."
        )
    return []


@dataclass(frozen=True)
class SitePublisher:
    """Writes the announcements' website from the book, in every language of the kiosk.

    `school` is the school's name; `base_url` the site's address with a trailing slash
    (:func:`base_url`, "" when none is configured); `audit()` the staff audit log.
    """

    book: AnnouncementBook
    i18n: I18n
    school: str
    base_url: str
    now: Callable[[], dt.datetime]
    audit: Callable[[], AuditLog]
    #: The results given back to parents, or None when there is nothing to show them.
    summary: Callable[[], SummarySource | None] = lambda: None

    def build(self) -> dict[str, str]:
        """Every file of the site: relative path → HTML text (nothing written).

        A page for each announcement released this school year, and an expired page for each
        one of the previous school year that did not continue into this one
        (:meth:`~kiosk.announcements.book.AnnouncementBook.released_last_year`; only that
        year, not the ones before it). The indexes list the current announcements.
        """
        book, now, school = self.book, self.now(), self.school
        languages = [(lang.code, lang.native_name, lang.direction) for lang in self.i18n.languages]
        released: list[Announcement] = parent_order(book.released())
        last_year = book.released_last_year()
        files: dict[str, str] = {}
        summary = self.summary()
        for code, _name, _direction in languages:
            tr = self.i18n.translator(code)
            summary_title = None
            if summary is not None:
                shown_summary = summary.reading(tr)
                files[page_path(code, SUMMARY_PAGE)] = summary_page(tr, shown_summary, school)
                summary_title = shown_summary.title
            current = []
            for announcement in released:
                shown = book.reading(announcement, tr)
                expired = announcement.is_expired(now)
                files[page_path(code, announcement.id)] = announcement_page(
                    tr, shown, school, expired=expired
                )
                if announcement.is_current(now):
                    current.append(shown)
            for announcement in last_year:  # expired, never on the index
                files[page_path(code, announcement.id)] = announcement_page(
                    tr, book.reading(announcement, tr), school, expired=True
                )
            files[index_path(code)] = index_page(tr, current, school, languages, summary_title)
        files["index.html"] = root_page(self.i18n.translator("fr"), languages, school)
        return files

    def publish(self, out: Path) -> Site:
        """Write the site into `out` and return the pages written (and old ones removed)."""
        out = out.expanduser()
        previous = _check_folder(out)
        files = self.build()
        try:
            out.mkdir(parents=True, exist_ok=True)
            for relative, text in sorted(files.items()):
                write_atomically(out / relative, text.encode("utf-8"), mode=PAGE_MODE)
            removed = []
            for relative in previous:
                target = (out / relative).resolve()
                if relative in files or not target.is_relative_to(out.resolve()):
                    continue
                if target.is_file():
                    target.unlink()
                    removed.append(relative)
            manifest = {"files": sorted(files), "written": self.now().isoformat()}
            write_atomically(out / MANIFEST, json.dumps(manifest, indent=1).encode(),
                             mode=PAGE_MODE)
            _open_folders(out, files)
        except OSError as exc:
            raise PublishError(f"Impossible d'écrire dans {out} ({exc.strerror or exc}).") from exc
        base = self.base_url
        pages = [PublishedPage(path, base + path if base else None) for path in sorted(files)]
        self.audit().record("publish", f"{len(files)} pages écrites dans {out}")
        return Site(out, pages, removed)
