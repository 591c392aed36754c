"""The demo-data generator: simulated support conversations written as the raw tables.

``catalog`` (codes and behaviour knobs) -> ``simulation`` (a chunk of conversations as codes)
-> ``rows`` (codes to the coded rows of each raw table) -> ``writer`` (the raw contract and
the inserts). ``generate`` fills the tables, ``append`` adds days to them (``append_plan``,
``append_late``, ``append_reextract``), ``command`` is the ``generate`` subcommand.
"""
