"""Brief's presentation layer: the command line and the Textual app."""
