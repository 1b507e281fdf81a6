"""The plans' rules applied: airport admission, annual volume standards, plan-to-plan comparison.

- :mod:`portgeo.rules.admission`: the airport admission check;
- :mod:`portgeo.rules.volumes`: a user's port volumes against the volume standards;
- :mod:`portgeo.rules.compare`: how one plan's layout changed from its baseline.
"""
