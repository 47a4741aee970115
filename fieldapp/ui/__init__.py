"""Qt layer: widgets, item models and dialogs over fieldapp.core (never SQL here)."""
