"""Offline copies of a group practice's caseload (issue 17): take, the durable outbox, sync.

A local copy is an encrypted SQLite file with the practice's schema, holding one consultant's caseload,
plus its own bookkeeping tables (tables.py): where it came from, the server version each record was
based on, the outbox of changes made on it and the conflicts found while syncing.
"""
