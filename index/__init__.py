"""Brief's core: the article library, import, search index, entities, comparison and bookmarks.

This package is a plain library. It never prints and never imports textual or rich;
it reports progress through callbacks and problems through return values or
exceptions carrying a clear message.
"""
