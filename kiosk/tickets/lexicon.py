"""The "petit lexique" ticket: the school words in the parent's language, each with the French
word beside it and its one-sentence explanation (the glossary, :mod:`kiosk.glossary`)."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.tickets.model import Ticket, TicketContext, TicketLine, finish, french_line

LEXICON_TITLE = N_("Petit lexique de l'école")


def lexicon_ticket(context: TicketContext, lang: str,
                   words: Sequence[tuple[str, str, str]]) -> Ticket:
    """The glossary in `lang`: `words` are (word in `lang`, French word, explanation in
    `lang`). The French recap lists the French words, for the reception."""
    tr = context.i18n.translator(lang)
    fr = context.french()
    lines: list[TicketLine] = []
    for word, source, explanation in words:
        heading = word
        if lang != SOURCE_LANGUAGE and word.casefold() != source.casefold():
            # The French word beside, isolated: it keeps its order in a right-to-left line.
            heading = f"{word} — {isolate(source)}"
        lines.append(TicketLine(heading, style="bold"))
        lines.append(TicketLine(explanation))
    recap = [french_line(fr(LEXICON_TITLE), "bold"),
             french_line(", ".join(source for _, source, _ in words))]
    return finish(context, "lexicon", lang, tr(LEXICON_TITLE), lines, recap, None, "")


__all__ = ["LEXICON_TITLE", "lexicon_ticket"]
