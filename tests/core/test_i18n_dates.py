"""Dates shown to users: the no-babel fast path must be exactly what babel (CLDR) says."""
from __future__ import annotations

import datetime

import pytest
from babel.dates import format_date as babel_format_date

from fieldapp.core import i18n

DAYS = [datetime.date(2020, m, d) for m in range(1, 13) for d in (1, 9, 28)]


@pytest.mark.parametrize("lang, locale", [("en", "en_GB"), ("en_GB", "en_GB"), ("fr", "fr")])
@pytest.mark.parametrize("fmt", ["long", "medium"])
def test_fast_path_equals_babel(lang, locale, fmt):
    assert [i18n.format_date(d, fmt, lang) for d in DAYS] == \
        [babel_format_date(d, format=fmt, locale=locale) for d in DAYS]


def test_english_is_day_month_year_and_follows_the_interface_language():
    previous = i18n.language()
    try:
        i18n.set_language("en")
        assert i18n.format_date("2021-06-30") == "30 June 2021"
        assert i18n.format_date("2021-09-03", "medium") == "3 Sept 2021"
        i18n.set_language("fr")
        assert i18n.format_date("2021-06-30") == "30 juin 2021"
        assert i18n.format_date("2021-02-03", "medium") == "3 févr. 2021"
    finally:
        i18n.set_language(previous)


def test_other_formats_still_go_through_babel():
    assert i18n.format_date("2021-06-30", "short", "fr") == "30/06/2021"
    assert i18n.format_date("2021-06-30", "MMM yy", "en_GB") == "Jun 21"
