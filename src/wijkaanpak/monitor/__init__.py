"""The monitor: the "Check" of plan-do-check-act.

- ``models``: indicator catalogue, observations (area x indicator x year, one row each; a
  national figure has no area), ``AreaYear`` (CBS's ``ind_wbi``), strengths of an area
  (ABCD), ``IndexSettings``.
- ``services``: ``observations_import`` (CBS kwb xlsx/csv, StatLine, long-format CSV; all
  or nothing, one durable transaction, bulk upsert), ``strength_create``,
  ``strength_moderate``, ``catalogue_ensure``.
- ``selectors``: profile, composite index, goal progress, municipality dashboard, CSV.
- Pure modules (``mypy --strict``): ``index`` (Rotterdam-Wijkprofiel-style index, the
  formula in its docstring), ``progress`` (goal progress and traffic lights), ``charts``
  (accessible SVG), ``catalogue`` (built-in indicators and default index), ``readers``
  (the CBS readers of the areas app plus the national row).
- ``reports``: the district report as HTML and PDF (WeasyPrint).
- Commands: ``wijk monitor import-cbs FILE``, ``wijk monitor import-observations FILE``,
  ``wijk monitor catalogue``, ``wijk report district CODE --pdf OUT.pdf``.
"""
