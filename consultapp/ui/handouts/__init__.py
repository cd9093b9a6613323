"""The handout library: browse, preview, print or save handouts, edit the practice's own."""
