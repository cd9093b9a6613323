"""A client's whole record from the Records menu: export it to a folder, import an export, erase it."""
