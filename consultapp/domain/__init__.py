"""Pure-Python clinical domain: records, instruments, calculations and the care-plan engine (no Qt, no SQL)."""
