"""``ai-resolution explain``: why one conversation got its outcome.

``load`` reads the conversation and its timeline from the marts into an ``evidence.Evidence``,
``rule_chain`` walks the outcome rules in order with the evidence of each, ``printout`` lays
it all out as text, ``command`` is the subcommand.
"""
