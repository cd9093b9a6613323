"""The Qt shell: widgets, pages and models. The only package that imports Qt widgets."""
