"""ai_resolution: did the support AI agent resolve the conversation, or only deflect it?

The Python package holds the command line (``ai-resolution``) that sits next to the dbt
project, in subpackages by job: ``demo`` (the demo-data generator for the raw tables),
``report`` (``summary`` and the HTML ``report``), ``explain`` (one conversation's outcome,
rule by rule). At the top: ``cli`` (the entry point), ``db`` (DuckDB connections),
``project`` (the dbt project and its vars), ``rules`` (the outcome order and thresholds) and
``bench`` (the benchmark).
"""

__version__ = "0.1.0"
