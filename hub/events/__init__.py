"""Coordination events: events and their action items as translatable snippets, registrations with a
waiting list, the events page (list, month calendar, each event, open action items), iCalendar files
and feeds, and their admin.

Uses the directory's organisations (hub.directory.models), the documents a reader may see
(hub.documents.access, hub.documents.library) and the shared pagination.
"""
