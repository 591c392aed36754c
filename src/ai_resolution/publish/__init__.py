"""``ai-resolution publish``: copy the marts into a file of their own for BI tools to read."""
