"""eventwire: news reports of political violence in, verified event records out."""

__version__ = "0.1.0"
