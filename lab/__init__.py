"""The matcher's lab: a labelled evaluation set and the code that measures the matcher on it;
and the generator of the working-day calendar's data (`holiday_calendar`).

Used by `bench/eval_dedup.py` and the tests; neither the server nor the `pintu` command reaches
it, so it is not part of the installed package (pyproject.toml installs `app` only).
"""
