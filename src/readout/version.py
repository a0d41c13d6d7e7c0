"""The coder's version, written with the data hash on every record."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("readout")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+local"
