"""Settings, one file per tab: each tab registers itself (``tab.register_tab``) and the page shows them in order."""
