"""The JSON parser of every API view: DRF's, refusing bodies nested too deeply to decode.

Python's json module recurses once per nested array or object, so a body of ten thousand `[`
raises RecursionError, which DRF's parser does not catch (a 500). Such a body is malformed
input like any other: 400 `parse_error`.
"""

from __future__ import annotations

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("JSON parse error - nested too deeply.") from error
