"""Working together on one practice database: conflicting saves, lost connections, who is working."""
