"""A ticket laid out from top to bottom (title, lines, French recap, QR code, footer), and its
plain-text version."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.core.display import text_width, wrap
from kiosk.printing.paper import Paper
from kiosk.tickets import Ticket, TicketLine


@dataclass(frozen=True)
class Row:
    """One laid-out element of a ticket: a paragraph, a rule, the QR code, or some space."""

    kind: str  # text | rule | qr | space
    text: str = ""
    style: str = "normal"
    align: str = "left"  # left | center | right
    rtl: bool = False


def _align(line: TicketLine, rtl: bool) -> str:
    if line.align == "center":
        return "center"
    start, end = ("right", "left") if rtl else ("left", "right")
    return start if line.align == "start" else end


def _rows_of(lines: Iterable[TicketLine], default_rtl: bool) -> list[Row]:
    rows = []
    for line in lines:
        rtl = default_rtl if line.rtl is None else line.rtl
        if line.rule:
            rows.append(Row("rule"))
        rows.append(Row("text", line.text, line.style, _align(line, rtl), rtl))
    return rows


def ticket_rows(ticket: Ticket) -> list[Row]:
    """The ticket from top to bottom: title, lines, French recap, QR code, footer."""
    rows = [Row("text", ticket.title, "big", "center", ticket.rtl), Row("rule")]
    rows += _rows_of(ticket.lines, ticket.rtl)
    if ticket.french:
        rows += [Row("rule"), Row("text", ticket.french_heading, "bold", "left", False)]
        rows += _rows_of(ticket.french, False)
    if ticket.qr:
        rows += [Row("space"), Row("qr", ticket.qr)]
        if ticket.qr_caption:
            rows.append(Row("text", ticket.qr_caption, "small", "center", ticket.rtl))
    rows.append(Row("rule"))
    rows += [Row("text", text, "small", "center", False) for text in ticket.footer]
    return rows


def render_text(ticket: Ticket, paper: Paper) -> str:
    """The ticket as plain text (logical order), wrapped to the paper's columns."""
    out = []
    for row in ticket_rows(ticket):
        cols = paper.columns
        if row.kind == "rule":
            out.append("-" * paper.columns)
        elif row.kind == "space":
            out.append("")
        elif row.kind == "qr":
            out.append(f"[QR] {row.text}")
        else:
            for line in wrap(row.text, cols):
                text = line.upper() if row.style == "big" and not row.rtl else line
                missing = max(0, paper.columns - text_width(text))
                if row.align == "center":
                    text = " " * (missing // 2) + text
                elif row.align == "right":
                    text = " " * missing + text
                out.append(text.rstrip())
    return "\n".join(out) + "\n"
