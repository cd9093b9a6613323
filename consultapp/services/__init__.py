"""Use cases shared by the GUI and the command line: load what a document needs once, render it, issue it."""
