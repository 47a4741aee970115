"""Interface language: gettext catalogs built with babel, locale-aware dates and numbers.

User-visible strings go through `_()`. Resolution text is data, never a gettext string.
"""
from __future__ import annotations

import datetime as _dt
import gettext
import os

from fieldapp.core.paths import translations_dir

SUPPORTED = ("en", "fr")
DOMAIN = "fieldapp"
_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def system_language() -> str:
    """'fr' when the system locale is French, else 'en'."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    import locale  # only when no variable says it (start-up speed)

    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "fr" if loc.lower().startswith("fr") else "en"


def set_language(lang: str | None) -> str:
    """Activate 'en' or 'fr' (None: the system language); return the language in use."""
    global _translation, _language
    lang = lang if lang in SUPPORTED else system_language()
    if lang == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, localedir=str(translations_dir()),
                                           languages=[lang], fallback=True)
    _language = lang
    return lang


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark for extraction only (translated later, where it is shown)."""
    return message


# Month names as CLDR gives them (babel) for the two formats the app shows, so that dates in
# lists and status lines need no babel import (~90 ms) — tests/core/test_i18n_dates.py
# compares every month with babel.
_MONTHS = {
    ("en_GB", "long"): ("January February March April May June July August September"
                        " October November December").split(),
    ("en_GB", "medium"): "Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec".split(),
    ("fr", "long"): ("janvier février mars avril mai juin juillet août septembre octobre"
                     " novembre décembre").split(),
    ("fr", "medium"): "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split(),
}


def format_date(value: _dt.date | str, fmt: str = "long", lang: str | None = None) -> str:
    """`29 June 2020` / `29 juin 2020`; medium `29 Jun 2020` / `29 juin 2020`. English is
    day-month-year (en_GB, as UN documents), not babel's US default."""
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value[:10])
    locale = lang or _language
    if locale == "en":
        locale = "en_GB"
    months = _MONTHS.get((locale, fmt))
    if months is not None:
        return f"{value.day} {months[value.month - 1]} {value.year}"
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=fmt, locale=locale)


def format_number(value: float, lang: str | None = None) -> str:
    """`13,289` / `13 289` (babel; French uses U+202F)."""
    if type(value) is int and 0 <= value < 1000:
        # Same digits as babel in en/fr, without importing babel and loading its locale
        # data (~90 ms): counts shown while the window opens are small (bench_startup).
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=lang or _language)


def labelled(label: str, value: object) -> str:
    """`Date: 2021-03-01` / `Date : 2021-03-01` (French puts a no-break space before a colon)."""
    return f"{label}{chr(0xA0) if _language == 'fr' else ''}: {value}"
