"""Compile translations/<lang>/LC_MESSAGES/fieldapp.po to .mo with babel.

`python -m fieldapp.core.i18n_build` (run by `make run` / `make test`). Extraction:
`pybabel extract -F translations/babel.cfg -o translations/fieldapp.pot fieldapp` then
`pybabel update -i translations/fieldapp.pot -d translations -D fieldapp`.
"""
from __future__ import annotations

import sys

from fieldapp.core.paths import translations_dir


def compile_all() -> list[str]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built = []
    for po_path in sorted(translations_dir().glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parts[-3])
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        built.append(str(mo_path))
    return built


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path}")
    sys.exit(0)
