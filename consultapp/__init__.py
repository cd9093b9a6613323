"""ConsultApp: offline case management for lactation consultants."""

__version__ = "0.1.0"
