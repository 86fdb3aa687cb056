"""The questionnaire's results as French text: number formats and bars shared by the staff
screen, the CLI and the report, and the staff results screen's lines.

A figure withheld for anonymity (:mod:`kiosk.questionnaire.suppression`) is written as
"pas encore assez de réponses", never as a number."""

from __future__ import annotations

from kiosk.questionnaire.content import SCALE
from kiosk.questionnaire.figures import (
    CategoryBreakdown,
    DomainResult,
    StatementResult,
    decimal,
    percent,
    small_group_text,
)
from kiosk.questionnaire.results import Results
from kiosk.questionnaire.suppression import NOT_ENOUGH


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of `width` cells at most, with eighth-blocks for precision."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value / maximum, 1.0) * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[rest] if rest else "")


def text_lines(results: Results, *, bar_width: int = 30, label_width: int = 34) -> list[str]:
    """Every figure as lines of text with bars, for the staff screen (French)."""
    sheet = _Sheet(results, bar_width, label_width)
    if results.withheld:
        return [*sheet.header(), "", f"Résultats : {NOT_ENOUGH} (il en faut au moins "
                f"{results.min_group} pour montrer un chiffre)."]
    return [*sheet.header(), *sheet.priorities(), *sheet.breakdowns(), *sheet.categories(),
            *sheet.domains(), *sheet.statements(), *sheet.family()]


def _mean(found: DomainResult | StatementResult | None) -> float | None:
    return None if found is None else found.mean


class _Sheet:
    """The staff screen's text, part by part: labels cut to a width, bars beside them."""

    def __init__(self, results: Results, bar_width: int, label_width: int) -> None:
        self.results = results
        self.previous = results.previous
        self.bar_width = bar_width
        self.label_width = label_width

    def cut(self, text: str, width: int) -> str:
        from kiosk.core.display import pad, text_width

        if text_width(text) <= width:
            return pad(text, width)
        out = ""
        for ch in text:
            if text_width(out + ch + "…") > width:
                break
            out += ch
        return pad(out + "…", width)

    def bar_line(self, label: str, value: float, maximum: float, shown: str) -> str:
        from kiosk.core.display import pad

        drawn = pad(bar(value, maximum, self.bar_width), self.bar_width)
        return f"  {self.cut(label, self.label_width)} {drawn} {shown}"

    def header(self) -> list[str]:
        results, previous = self.results, self.previous
        n = results.total
        lines = [f"Année scolaire {results.year} : {n} réponse{'s' if n != 1 else ''}"]
        if results.received > results.responses > 0:
            lines.append(
                f"Chiffres sur les {results.responses} premières : ils avancent par "
                f"{results.min_group} réponses, pour qu'une réponse nouvelle ne se voie pas.")
        if results.families:
            lines.append(
                f"Taux de réponse : {percent(results.response_rate)} "
                f"({n} sur {results.families} familles)"
            )
        if previous is not None:
            lines.append(
                f"Année précédente ({previous.year}) : {previous.total} réponses"
                + (f", taux {percent(previous.response_rate)}" if previous.families else "")
            )
        lines.append(
            f"Aucun chiffre ne porte sur moins de {results.min_group} réponses."
        )
        lines += [f"⚠ {problem}" for problem in results.setting_problems]
        return lines

    def priorities(self) -> list[str]:
        from kiosk.questionnaire.priorities import to_discuss

        found = to_discuss(self.results)
        if not found:
            return []
        return ["", "À discuter — les points les plus faibles d'abord",
                *(self.priority_line(i, p.title, p.shown
                                     + (f" ({p.gap_text})" if p.goal is not None else ""))
                  for i, p in enumerate(found, start=1))]

    def priority_line(self, number: int, title: str, shown: str) -> str:
        """One line of the "à discuter" list: the title takes the room the figure leaves."""
        from kiosk.core.display import text_width

        room = self.label_width + self.bar_width + 1 - text_width(shown) - 3
        return f"  {number}. {self.cut(title, max(room, 12)).rstrip()} — {shown}"

    def categories(self) -> list[str]:
        lines: list[str] = []
        for breakdown in self.results.categories:
            lines += self.category_table(breakdown)
        return lines

    def category_table(self, breakdown: CategoryBreakdown) -> list[str]:
        """Rate per category, then the mean of each domain and statement per category."""
        from kiosk.core.display import pad

        lines = ["", f"Par catégorie — {breakdown.title}"]
        for category in breakdown.categories:
            if category.count is None:
                shown = NOT_ENOUGH
            elif category.families:
                shown = (f"{category.count} réponses sur {category.families} familles, "
                         f"taux {percent(category.rate)}")
            else:
                shown = f"{category.count} réponses (nombre de familles non réglé)"
            lines.append(f"  {self.cut(category.label, self.label_width)} {shown}")
        columns = [c for c in breakdown.categories if c.statements]
        if not columns:
            return lines
        width = 9
        head = "".join(pad(self.cut(c.label, width - 1), width) for c in columns)
        lines.append(f"  {pad('Moyennes (de 1 à 5)', self.label_width)} {head}")
        rows: list[tuple[str, list[float | None]]] = [
            (f"{d.id}. {d.title}", [_mean(c.domain(d.id)) for c in columns])
            for d in self.results.domains]
        rows += [(f"{s.id}. {s.text}", [_mean(c.statement(s.id)) for c in columns])
                 for s in self.results.statements]
        for label, cells in rows:
            values = "".join(pad("—" if mean is None else decimal(mean), width)
                             for mean in cells)
            lines.append(f"  {self.cut(label, self.label_width)} {values}")
        lines.append(f"  (— : {NOT_ENOUGH} dans cette catégorie)")
        return lines

    def breakdowns(self) -> list[str]:
        lines = []
        hidden_text = small_group_text(self.results.min_group)
        for breakdown in self.results.breakdowns:
            lines.append("")
            lines.append(f"Réponses par catégorie — {breakdown.title}")
            if not breakdown.shown:
                lines.append(f"  {NOT_ENOUGH}")
                continue
            biggest = max((g.count or 0 for g in breakdown.shown), default=0)
            for group in breakdown.shown:
                count = group.count or 0
                lines.append(self.bar_line(group.label, count, biggest, str(count)))
            for group in breakdown.hidden:
                lines.append(f"  {self.cut(group.label, self.label_width)} {hidden_text}")
        return lines

    def domains(self) -> list[str]:
        previous = self.previous
        lines = ["", "L'école et le numérique — moyenne par domaine (de 1 à 5)"]
        for domain in self.results.domains:
            shown = decimal(domain.mean) if domain.mean is not None else NOT_ENOUGH
            if previous is not None:
                old = previous.domain(domain.id)
                if old is not None:
                    shown += f"   ({previous.year} : {decimal(old.mean)})"
            lines.append(
                self.bar_line(f"{domain.id}. {domain.title}", domain.mean or 0, 5, shown))
        return lines

    def statements(self) -> list[str]:
        lines = ["", "Par affirmation — réponses 1 à 5, « ne s'applique pas » (NA)"]
        for statement in self.results.statements:
            if statement.withheld:
                lines.append(f"  {self.cut(f'{statement.id}. {statement.text}', self.label_width)}"
                             f" {NOT_ENOUGH}")
                continue
            lines.append(
                self.bar_line(
                    f"{statement.id}. {statement.text}",
                    statement.mean or 0,
                    5,
                    f"moy. {decimal(statement.mean)} · NA {percent(statement.na_share)} "
                    f"· n = {statement.answered}",
                )
            )
            counts = "  ".join(f"{v}:{c}" for v, c in zip(SCALE, statement.counts, strict=True))
            lines.append(f"      {counts}  NA:{statement.not_applicable}")
        return lines

    def family(self) -> list[str]:
        previous = self.previous
        lines = ["", "Les familles et le numérique"]
        for indicator in self.results.indicators:
            if indicator.withheld:
                lines.append(f"  {self.cut(indicator.label, self.label_width)} {NOT_ENOUGH}")
                continue
            shown = f"{percent(indicator.share)} ({indicator.count}/{indicator.answered})"
            if previous is not None:
                old_ind = previous.indicator(indicator.id)
                if old_ind is not None:
                    shown += f"   ({previous.year} : {percent(old_ind.share)})"
            lines.append(self.bar_line(indicator.label, indicator.share or 0, 1, shown))
        for choice in self.results.choices:
            if choice.section != "family":
                continue
            lines.append("")
            if choice.withheld:
                lines.append(f"{choice.text} — {NOT_ENOUGH}")
                continue
            lines.append(f"{choice.text} — {choice.answered} réponses")
            for option in choice.options:
                share = choice.share(option.id)
                lines.append(
                    self.bar_line(option.text, share or 0, 1, f"{percent(share)} ({option.count})")
                )
        return lines
