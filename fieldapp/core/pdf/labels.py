"""Fixed wording printed in the PDFs, in the document's language(s).

A PDF's language is chosen per document (English, French or both), independently of the
interface language, so these labels are a small EN/FR table rather than gettext strings.
Resolution text and summaries are data (the store), never here.
"""
from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # document frame (UN usage: shared/terminology-fr.md)
    "council": ("Security Council", "Conseil de sécurité"),
    "resolution": ("Resolution 2531 (2020)", "Résolution 2531 (2020)"),
    "adopted": ("Adopted by the Security Council on 29 June 2020",
                "Adoptée par le Conseil de sécurité le 29 juin 2020"),
    "the_council": ("The Security Council,", "Le Conseil de sécurité,"),
    # markings
    "unclassified": ("Unclassified", "Non classifié"),
    "confidential": ("Confidential", "Confidentiel"),
    "strictly-confidential": ("Strictly confidential", "Strictement confidentiel"),
    "status_as_of": ("Status as of {date}", "Situation au {date}"),
    "page": ("Page {n} of", "Page {n} sur"),
    "fr_unofficial": ("French text: unofficial working translation",
                      "Texte français : traduction de travail non officielle"),
    "fr_imported": ("French text: {description}", "Texte français : {description}"),
    "en_source": ("English: source text", "Anglais : texte source"),
    "generated": ("Generated on {date}", "Généré le {date}"),
    # document titles
    "title_mandate": ("MINUSMA mandate — full text", "Mandat de la MINUSMA — texte intégral"),
    "title_cheatsheet": ("MINUSMA mandate — meeting cheat-sheet",
                         "Mandat de la MINUSMA — aide-mémoire de réunion"),
    "title_report": ("Progress report", "Rapport d'avancement"),
    # cheat-sheet
    "key_numbers": ("Key numbers", "Chiffres clés"),
    "military": ("military personnel (authorized ceiling)", "militaires (effectif maximum autorisé)"),
    "police": ("police personnel (authorized ceiling)", "policiers (effectif maximum autorisé)"),
    "mandate_end": ("mandate ends", "fin du mandat"),
    "measures_deadline": ("priority measures due", "échéance des mesures prioritaires"),
    "strategic_priorities": ("Strategic priorities", "Priorités stratégiques"),
    "priority_tasks": ("Priority tasks", "Tâches prioritaires"),
    "other_tasks": ("Other tasks", "Autres tâches"),
    "priority_measures": ("Priority measures", "Mesures prioritaires"),
    "measure": ("Measure", "Mesure"),
    "status": ("Status", "État"),
    "assessed": ("Assessed", "Évaluée le"),
    "not_assessed": ("not yet assessed", "pas encore évaluée"),
    "themes_only": ("Limited to themes: {themes}", "Limité aux thèmes : {themes}"),
    "nothing_selected": ("Nothing in the mandate summaries matches the chosen themes.",
                         "Aucun résumé du mandat ne correspond aux thèmes choisis."),
    # progress report
    "period": ("Period: {start} – {end}", "Période : du {start} au {end}"),
    "period_all": ("Period: all dates", "Période : toutes les dates"),
    "author": ("Author: {author}", "Auteur : {author}"),
    "filters": ("Filters: {filters}", "Filtres : {filters}"),
    "contents": ("Contents", "Table des matières"),
    "status_table": ("Status of the priority measures", "État des mesures prioritaires"),
    "status_chart": ("Status over time", "Évolution de l'état"),
    "notes": ("Progress notes", "Notes de suivi"),
    "assessments": ("Measure assessments", "Évaluations des mesures"),
    "no_notes": ("No note matches these filters.", "Aucune note ne correspond à ces filtres."),
    "no_assessments": ("No assessment in this period.", "Aucune évaluation sur cette période."),
    "no_theme": ("Not linked to a theme", "Sans thème"),
    "no_measure": ("Not linked to a measure", "Sans mesure"),
    "region": ("Region", "Région"),
    "theme": ("Theme", "Thème"),
    "sensitivity": ("Sensitivity", "Sensibilité"),
    "evidence": ("Evidence", "Éléments"),
    "source": ("Source", "Source"),
    "confidence": ("Confidence", "Confiance"),
    "date": ("Date", "Date"),
    "deadline": ("Deadline", "Échéance"),
    "notes_col": ("Notes", "Notes"),
    # status scale (Carter Center / Kroc, lessons.md)
    "status_0": ("0 not initiated", "0 non initié"),
    "status_1": ("1 minimal", "1 stade minimal"),
    "status_2": ("2 intermediate", "2 stade intermédiaire"),
    "status_3": ("3 nearly complete", "3 presque achevé"),
    "status_4": ("4 complete", "4 achevé"),
}


def label(key: str, lang: str, **fmt) -> str:
    """The label in `lang` ('en' or 'fr'); 'both' gives 'English / Français'.

    A format value may be a {'en': …, 'fr': …} dict (a date formatted per language).
    """
    def one(lg: str) -> str:
        text = LABELS[key][0 if lg == "en" else 1]
        return text.format(**{k: (v[lg] if isinstance(v, dict) else v) for k, v in fmt.items()})

    if lang == "both":
        en, fr = one("en"), one("fr")
        return en if en == fr else f"{en} / {fr}"
    return one("fr" if lang == "fr" else "en")
