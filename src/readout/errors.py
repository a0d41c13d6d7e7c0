"""The errors readout raises, as one tree.

    ReadoutError
    ├── InputError          an input could not be read (names the input)
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── InputTooLargeError
    │   ├── EncodingError
    │   ├── MalformedInputError   (bad JSONL line, HTML with no body …)
    │   ├── UnsupportedInputError (unknown file type, unknown language, too short)
    │   └── DateError             a given date (--published, a `published` field) is not one
    ├── ConfigError
    ├── PipelineOrderError   a stage needs what no earlier stage adds
    ├── StageError           a stage failed on one article (names input and stage)
    └── StoreError
"""
from __future__ import annotations


class ReadoutError(Exception):
    code = "R000"


class InputError(ReadoutError):
    code = "R100"

    def __init__(self, input_name: str, message: str):
        self.input_name = input_name
        self.message = message
        super().__init__(f"{input_name}: {message}")


class EmptyInputError(InputError):
    code = "R101"


class BinaryInputError(InputError):
    code = "R102"


class InputTooLargeError(InputError):
    code = "R103"


class EncodingError(InputError):
    code = "R104"


class MalformedInputError(InputError):
    code = "R105"


class UnsupportedInputError(InputError):
    code = "R106"


class DateError(InputError):
    """A date given from outside the text is not a date; names the option, field or input."""
    code = "R107"


class ConfigError(ReadoutError):
    code = "R200"


class PipelineOrderError(ReadoutError):
    code = "R300"


class StageError(ReadoutError):
    code = "R400"

    def __init__(self, input_name: str, stage: str, cause: BaseException):
        self.input_name = input_name
        self.stage = stage
        self.cause = cause
        super().__init__(f"{input_name}: stage {stage!r} failed: {type(cause).__name__}: {cause}")


class StoreError(ReadoutError):
    code = "R500"
