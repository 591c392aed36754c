"""ai_resolution: did the support AI agent resolve the conversation, or only deflect it?

The Python package holds the command line (``ai-resolution``) that sits next to the dbt
project: the demo-data generator for the raw tables and, over time, report helpers.
"""

__version__ = "0.1.0"
