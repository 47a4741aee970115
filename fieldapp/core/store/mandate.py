"""Queries over the mandate: units, sections, themes, glossary, search, corpus import."""
from __future__ import annotations

import json
import sqlite3

from fieldapp.core import corpus
from fieldapp.core.errors import InvalidInput, NotFound
from fieldapp.core.textfold import HL_CLOSE, HL_OPEN, match_expression


class MandateQueries:
    conn: sqlite3.Connection

    # -- units ---------------------------------------------------------------------------
    def unit_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM units ORDER BY seq")]

    def _texts(self, ids: list[str] | None) -> dict[str, dict]:
        sql = "SELECT unit_id, lang, title, text FROM unit_text"
        rows = self.conn.execute(sql).fetchall() if ids is None else [
            r for uid in ids for r in self.conn.execute(sql + " WHERE unit_id=?", (uid,))]
        out: dict[str, dict] = {}
        for uid, lang, title, text in rows:
            rec = out.setdefault(uid, {"title": {}, "text": {}})
            rec["title"][lang] = title
            rec["text"][lang] = text
        return out

    def units(self, ids: list[str] | None = None, citations: bool = True) -> list[dict]:
        """Units as DESIGN.md's JSON objects, in document order (all when ids is None).
        `citations=False` leaves out the English "citation" (the reader cites in the language
        it shows; 142 citations are a quarter of the reader's data load at start-up)."""
        if ids is not None:
            known = set(self.unit_ids())
            bad = [i for i in ids if i not in known]
            if bad:
                raise NotFound(f"no such paragraph: {bad[0]}")
        rows = self.conn.execute(
            "SELECT id, parent, kind, label, section FROM units ORDER BY seq").fetchall()
        children: dict[str, list[str]] = {}
        for uid, parent, *_ in rows:
            if parent:
                children.setdefault(parent, []).append(uid)
        themes: dict[str, list[str]] = {}
        for tid, uid in self.conn.execute(
                "SELECT theme_id, unit_id FROM theme_units JOIN themes ON themes.id=theme_id"
                " ORDER BY themes.seq"):
            themes.setdefault(uid, []).append(tid)
        wanted = None if ids is None else set(ids)
        texts = self._texts(None if ids is None else list(ids))
        out = []
        for uid, parent, kind, label, section in rows:
            if wanted is not None and uid not in wanted:
                continue
            t = texts.get(uid, {"title": {}, "text": {}})
            has_title = any(v for v in t["title"].values())
            out.append({
                "id": uid, **({"citation": corpus.citation(uid)} if citations else {}),
                "title": ({lang: t["title"].get(lang) for lang in corpus.LANGS}
                          if has_title else None),
                "text": {lang: t["text"].get(lang) for lang in corpus.LANGS},
                "themes": themes.get(uid, []), "parent": parent,
                "children": children.get(uid, []),
                "kind": kind, "label": label, "section": section,
            })
        return out

    def unit(self, uid: str) -> dict:
        return self.units([uid])[0]

    def sections(self) -> list[dict]:
        rows = self.conn.execute(
            "SELECT id, level, parent, title_en, title_fr FROM sections ORDER BY seq")
        return [{"id": i, "level": lvl, "parent": p, "title": {"en": en, "fr": fr}}
                for i, lvl, p, en, fr in rows]

    def structure(self) -> list[tuple[str, str | None, str]]:
        """(id, parent, section) of every unit in document order (cheap, for tree models)."""
        return self.conn.execute("SELECT id, parent, section FROM units ORDER BY seq").fetchall()

    def provenance(self) -> dict[str, dict]:
        rows = self.conn.execute("SELECT lang, status, description, source, loaded_at"
                                 " FROM corpus_provenance")
        return {r[0]: {"status": r[1], "description": r[2], "source": r[3], "loaded_at": r[4]}
                for r in rows}

    def crossrefs(self, uid: str) -> list[dict]:
        rows = self.conn.execute("SELECT kind, target, label FROM crossrefs WHERE unit_id=?"
                                 " ORDER BY seq", (uid,))
        return [{"kind": k, "target": t, "label": lbl} for k, t, lbl in rows]

    # -- themes and glossary ---------------------------------------------------------------
    def themes(self) -> list[dict]:
        rows = self.conn.execute(
            "SELECT t.id, t.name_en, t.name_fr, t.description_en, t.description_fr,"
            " count(tu.unit_id) FROM themes t LEFT JOIN theme_units tu ON tu.theme_id=t.id"
            " GROUP BY t.id ORDER BY t.seq")
        return [{"id": i, "name": {"en": ne, "fr": nf}, "description": {"en": de, "fr": df},
                 "count": n} for i, ne, nf, de, df, n in rows]

    def theme_units(self, theme_id: str) -> list[str]:
        if not self.conn.execute("SELECT 1 FROM themes WHERE id=?", (theme_id,)).fetchone():
            raise NotFound(f"no such theme: {theme_id}")
        rows = self.conn.execute(
            "SELECT u.id FROM theme_units tu JOIN units u ON u.id=tu.unit_id"
            " WHERE tu.theme_id=? ORDER BY u.seq", (theme_id,))
        return [r[0] for r in rows]

    def glossary(self) -> list[dict]:
        rows = self.conn.execute(
            "SELECT id, term_en, term_fr, expansion_en, expansion_fr, definition_en,"
            " definition_fr, units FROM glossary ORDER BY seq")
        return [{"id": r[0], "term": {"en": r[1], "fr": r[2]},
                 "expansion": {"en": r[3], "fr": r[4]}, "definition": {"en": r[5], "fr": r[6]},
                 "units": json.loads(r[7])} for r in rows]

    def reference(self, name: str):
        """A bundled reference file (measures.json, tasks.json…) as seeded; None if absent."""
        row = self.conn.execute("SELECT body FROM reference_data WHERE name=?",
                                (name,)).fetchone()
        return json.loads(row[0]) if row else None

    # -- search --------------------------------------------------------------------------
    def search_mandate(self, query: str, lang: str = "all", limit: int = 50,
                       prefix: bool = False) -> list[dict]:
        """Best-first mandate hits; any string is valid (see textfold.match_expression)."""
        if lang not in ("en", "fr", "all"):
            raise InvalidInput(f"unknown language {lang!r} (use en, fr or all)")
        limit = max(1, min(int(limit), 1000))
        for mode in ("and", "or"):
            expr = match_expression(query, mode=mode, prefix_last=prefix)
            if expr is None:
                return []
            sql = ("SELECT unit_id, lang, snippet(mandate_fts, 3, ?, ?, '…', 16),"
                   " highlight(mandate_fts, 2, ?, ?), bm25(mandate_fts)"
                   " FROM mandate_fts WHERE mandate_fts MATCH ?")
            args: list = [HL_OPEN, HL_CLOSE, HL_OPEN, HL_CLOSE, expr]
            if lang != "all":
                sql += " AND lang = ?"
                args.append(lang)
            sql += " ORDER BY bm25(mandate_fts) LIMIT ?"
            rows = self.conn.execute(sql, [*args, limit]).fetchall()
            if rows or len(expr.split()) == 1:
                break
        return [{"id": uid, "kind": "paragraph", "lang": lg,
                 "snippet": title if HL_OPEN in title and HL_OPEN not in snip else snip or title,
                 "score": score}
                for uid, lg, snip, title, score in rows]

    # -- corpus export / import ----------------------------------------------------------
    def export_corpus(self, lang: str) -> dict:
        if lang not in corpus.LANGS:
            raise InvalidInput(f"unknown language {lang!r} (use en or fr)")
        texts = {uid: {"title": t, "text": x} for uid, t, x in self.conn.execute(
            "SELECT u.id, ut.title, ut.text FROM units u JOIN unit_text ut ON ut.unit_id=u.id"
            " AND ut.lang=? ORDER BY u.seq", (lang,))}
        prov = self.provenance().get(lang, {})
        return {"format": corpus.CORPUS_FORMAT, "version": corpus.CORPUS_VERSION, "lang": lang,
                "provenance": {"status": prov.get("status", ""),
                               "description": prov.get("description", "")},
                "units": texts}

    def import_corpus(self, doc: object, lang: str, description: str | None = None) -> dict:
        """Validate a corpus file, then replace one language's text in one transaction."""
        from fieldapp.core.store.seed import load_text

        if lang not in corpus.LANGS:
            raise InvalidInput(f"unknown language {lang!r} (use en or fr)")
        units = corpus.validate_corpus_file(doc, self.unit_ids(), lang)
        before = self.export_corpus(lang)["units"]
        changed = sum(1 for uid, rec in units.items()
                      if before.get(uid) != {"title": rec.get("title"), "text": rec["text"]})
        desc = description or (doc.get("provenance") or {}).get("description") or "imported text"
        with self.transaction() as conn:
            load_text(conn, lang, {u: {"title": r.get("title"), "text": r["text"]}
                                   for u, r in units.items()},
                      {"description": desc}, source="imported")
        return {"lang": lang, "units": len(units), "changed": changed}
