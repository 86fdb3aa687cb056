"""The single display function: right-to-left reordering with mirrored brackets, isolated
phone numbers and addresses, wide characters; Babel formatting per session locale."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.display import isolate, isolate_numbers, text_width, visual_line, visual_map, wrap
from kiosk.core.i18n import I18n

I18N = I18n(["fr", "en", "ar", "fa", "zh"])


def test_arabic_is_shaped_and_reordered() -> None:
    shown = I18N.display("العربية", rtl=True)
    assert shown == "ﺔﻴﺑﺮﻌﻟﺍ"  # presentation forms, last letter first (visual order)


def test_brackets_are_mirrored_in_right_to_left_text() -> None:
    assert I18N.display("▶ رجوع (Esc)", rtl=True) == "(Esc) ﻉﻮﺟﺭ ▶"
    assert I18N.display("رجوع (عربي)", rtl=True).startswith("(")


def test_isolated_phone_number_keeps_its_order() -> None:
    # The bidi algorithm alone shows "00 00 00 78 04": digit groups are isolated for it.
    plain = I18N.display("هاتف: 04 78 00 00 00", rtl=True)
    assert plain.startswith("04 78 00 00 00 ")
    shown = I18N.display("هاتف: " + isolate("04 78 00 00 00"), rtl=True)
    assert shown.startswith("04 78 00 00 00 ")
    assert "\u2068" not in shown and "\u2069" not in shown
    address = I18N.display("العنوان: " + isolate("4 rue des Tilleuls, 69008 Lyon"), rtl=True)
    assert address.startswith("4 rue des Tilleuls, 69008 Lyon ")


def test_phone_example_reads_left_to_right_inside_an_arabic_sentence() -> None:
    example = "رقم الهاتف هذا غير كامل. مثال: 06 12 34 56 78 أو +90 …"
    shown = I18N.display(example, rtl=True)
    assert "06 12 34 56 78" in shown and "78 56" not in shown
    assert "+90" in shown and "90+" not in shown
    # Persian digits too; a lone number, a time or a date is left to the bidi algorithm.
    assert "۰۶ ۱۲ ۳۴" in I18N.display("تلفن: ۰۶ ۱۲ ۳۴", rtl=True)
    assert isolate_numbers("بقيت 4 أماكن. 08:30 – 08:50") == "بقيت 4 أماكن. 08:30 – 08:50"
    assert I18N.display("بقيت 4 أماكن.", rtl=True).startswith(".")  # the full stop ends it


def test_visual_map_places_every_typed_character() -> None:
    for text in ("سلام", "سلام abc", "abc سلام", "الله أكبر", "مثال: 06 12 34 أو +90", "Lina",
                 "سَلام", "", "中文 عربي"):
        shown = visual_map(text)
        assert shown.text == visual_line(text, None)
        assert len(shown.positions) == len(text)
        assert all(0 <= position <= max(0, len(shown.text) - 1) for position in shown.positions)
    arabic = visual_map("سلام")
    assert arabic.rtl and arabic.text == "ﻡﻼﺳ"
    assert arabic.positions == (2, 1, 1, 0)  # lam and alef share their ligature
    mixed = visual_map("abc سلام")
    assert not mixed.rtl and mixed.positions[:3] == (0, 1, 2)
    assert mixed.right_to_left == (False,) * 4 + (True,) * 4
    assert visual_map("中文 ab").cell(3) == 5  # wide characters take two columns


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab عربيلا 中 ()12٣:\u064e\u2067\u202e\u2069+")),
               max_size=40))
def test_visual_map_never_fails_on_typed_text(text: str) -> None:
    shown = visual_map(text)
    assert shown.text == visual_line(text, None)
    assert len(shown.positions) == len(text)
    assert all(0 <= position < max(1, len(shown.text)) for position in shown.positions)


def test_left_to_right_text_is_untouched_but_loses_isolates() -> None:
    assert I18N.display("Tél : " + isolate("04 78")) == "Tél : 04 78"
    assert I18N.display_lines("Bonjour " + isolate("x"), 40) == ["Bonjour x"]


def test_terminal_mode_leaves_order_to_the_terminal() -> None:
    terminal = I18n(["fr", "ar"], bidi="terminal")
    assert terminal.display("العربية", rtl=True) == "العربية"


def test_wide_characters_never_cut_or_overflow() -> None:
    text = "我们保存孩子的名字和班级；如果您留下电话，也保存您的电话。"
    for width in (5, 9, 20):
        lines = wrap(text, width)
        assert all(text_width(line) <= width for line in lines)
        assert "".join(lines) == text


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc عربي 中文 () 12:")), max_size=60),
       st.integers(min_value=4, max_value=40))
def test_display_lines_keep_every_character(text: str, width: int) -> None:
    lines = I18N.display_lines(text, width, rtl=True)
    assert all(text_width(line) <= max(width, 2) for line in lines)
    # Shaping may join lam-alef into one glyph; nothing else is lost.
    kept = sum(len(line.replace(" ", "")) for line in lines)
    assert kept <= len(text.replace(" ", ""))


def test_babel_formats_for_the_session_locale() -> None:
    day = dt.date(2026, 11, 23)
    assert I18N.translator("fr").weekday(day) == "lundi"
    assert I18N.translator("en").weekday(day) == "Monday"
    assert I18N.translator("ar").weekday(day) == "الاثنين"
    assert I18N.translator("zh").weekday(day) == "星期一"
    assert I18N.translator("fr").number(1234.5) == "1\u202f234,5"
    assert I18N.translator("en").number(1234.5) == "1,234.5"
    assert I18N.translator("fa").weekday(day) == "دوشنبه"
    assert I18N.translator("zh").date(day) == "2026年11月23日星期一"
