"""Core logic: no Qt import, ever. The UI and the CLI both go through here."""
