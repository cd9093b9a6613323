"""The main window's hallways: the window (building and wiring), its menus, its pages, and one small module
per job (the database in use, the home page's lists, documents and history, the practice's settings)."""
