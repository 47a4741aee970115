"""fieldapp: offline field companion for the MINUSMA mandate (S/RES/2531 (2020))."""

__version__ = "0.1.0"
