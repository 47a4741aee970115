"""All field-record queries, gathered into one mixin that the Store class inherits."""
from __future__ import annotations

from fieldapp.core.store.contacts_sql import ContactsQueries
from fieldapp.core.store.measures_sql import MeasuresQueries
from fieldapp.core.store.notes_sql import NotesQueries
from fieldapp.core.store.tasks_sql import TasksQueries


class RecordsQueries(NotesQueries, MeasuresQueries, TasksQueries, ContactsQueries):
    """Notes, priority measures, tasks and contacts (docs/records-schema.md)."""
