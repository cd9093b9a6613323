"""Photos on a visit: the strip of thumbnails in the visit editor, the large view, side by side, the controller."""
