"""Where the app's files are and how it logs; imports nothing else of the package."""
