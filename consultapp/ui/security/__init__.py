"""Keeping records safe, the screens: passphrases, the app lock, backups, the audit trail, a client's record."""
