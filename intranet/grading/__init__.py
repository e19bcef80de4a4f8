"""Grading officers and units on their own timed work (Khánh Hòa Art. 9.2.d).

Every timed kind of work is a *source* (``sources.py``) read as the same row: who did it (or
holds it), in which unit, when it was due and when it was done. ``grade_conditions`` of the
working-day calendar turns those into early / on time / late / overdue / open, in SQL, with
the same answers as ``intranet.workdays.calendar.grade``. ``periods.py`` picks the rows of a
month, quarter, six months or year; ``report.py`` counts them per officer, per step and per unit
in one query each, whatever the number of cases; ``charts.py`` draws the bars as SVG on the server.
"""
