"""Printed documents (ReportLab): styles, page templates and one module per document."""
