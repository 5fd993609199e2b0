"""The package version, below every module that reports it (the package face imports the pipeline)."""

__version__ = "0.1.0"
