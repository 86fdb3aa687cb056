""""Ce que vous avez dit": the questionnaire's results given back to parents, to read, print
or take on the phone (reached from the announcements' list).

What parents said (three figures and a few short sentences, in the parent's language) and what
the school will do (the actions staff wrote: in French under the "not translated yet" line
when there is no current translation). Everything comes from
:mod:`kiosk.questionnaire.giveback`; a figure about too few responses says "not enough
responses yet". The QR code carries the page ``kiosk publish`` writes for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult

from kiosk.questionnaire.giveback import GivebackFacts, GivebackReading
from screens.context import ScreenContext
from screens.reading import ReadingScreen
from screens.widgets import Notice, Paragraph, Title

if TYPE_CHECKING:
    from kiosk.tickets import Ticket


class GivebackScreen(ReadingScreen):
    """The results given back to parents, in the parent's language."""

    def __init__(self, context: ScreenContext, facts: GivebackFacts) -> None:
        super().__init__(context)
        self.facts = facts

    def reading(self) -> GivebackReading:
        return self.facts.reading(self.tr)

    def compose_body(self) -> ComposeResult:
        shown = self.reading()
        yield Title(shown.title, id="giveback-title")
        yield from self.actions_row()
        intro, *others = shown.sentences
        yield Paragraph(intro, id="giveback-intro", classes="giveback-sentence")
        for index, figure in enumerate(shown.figures):
            yield Paragraph(f"■ {figure.sentence}", id=f"giveback-figure-{index}",
                            classes="giveback-figure"
                            + (" -not-enough" if figure.value is None else ""))
        for index, sentence in enumerate(others):
            yield Paragraph(sentence, id=f"giveback-sentence-{index}", classes="giveback-sentence")
        yield Paragraph(shown.actions_heading, id="giveback-heading")
        if shown.note:
            yield Paragraph(shown.note, id="giveback-fallback")
        yield Paragraph("\n".join(f"• {line}" for line in shown.actions),
                        rtl=None if shown.actions_translated else False, id="giveback-actions")
        yield Notice("", id="announcement-notice")

    def _qr(self, shown: GivebackReading) -> str:
        from kiosk.announcements.publish import SUMMARY_PAGE, page_payload

        return page_payload(self.context.config, shown.lang, SUMMARY_PAGE, shown.text)

    def phone_code(self) -> tuple[str, str]:
        shown = self.reading()
        return self._qr(shown), shown.title

    def ticket(self) -> Ticket:
        from kiosk.questionnaire.giveback import ticket_of

        shown = self.reading()
        return ticket_of(self.context.tickets, shown, self._qr(shown))
