"""Reading the marts for people: the ``summary`` text table and the HTML ``report``.

``headline`` is the one headline query both use. The report: ``data`` reads the marts,
``tiles`` and ``sections`` lay them out with the charts of ``charts_rates`` and
``charts_segments`` (styled by ``style``), ``page`` renders the HTML with the vendored
chart libraries in ``assets/``, ``command`` is the ``report`` subcommand.
"""
