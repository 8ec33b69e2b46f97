"""Request parsers for every API door: JSON with a size and depth limit, refused in the user's words."""

from json import JSONDecodeError

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.utils import json

# The API's JSON bodies are a handful of short fields (a sign-in, a transition); nothing needs more.
JSON_MAX_BYTES = 256 * 1024
JSON_MAX_DEPTH = 20


def _refused(message: str) -> ParseError:
    return ParseError({"detail": message, "errors": {}})


def _deeper_than(data, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, but a body too big or nested too deep (Python's parser would recurse until it fails)
    and malformed JSON are a 400 {detail, errors} in the user's language, never a server error."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding") or "utf-8"
        raw = stream.read(JSON_MAX_BYTES + 1) if stream is not None else b""
        if len(raw) > JSON_MAX_BYTES:
            raise _refused(_("This JSON body is too large: at most %(kb)d kB.") % {"kb": JSON_MAX_BYTES // 1024})
        too_deep = _("This JSON body is nested too deeply: at most %(depth)d levels.") % {"depth": JSON_MAX_DEPTH}
        try:
            data = json.loads(raw.decode(encoding), parse_constant=json.strict_constant if self.strict else None)
        except RecursionError:
            raise _refused(too_deep) from None
        except JSONDecodeError as exc:
            raise _refused(
                _("This body is not valid JSON (line %(line)d, column %(column)d).")
                % {"line": exc.lineno, "column": exc.colno}
            ) from None
        except ValueError:  # not in the declared encoding, or NaN/Infinity
            raise _refused(_("This body is not valid JSON.")) from None
        if _deeper_than(data, JSON_MAX_DEPTH):
            raise _refused(too_deep)
        return data


class WordedMultiPartParser(MultiPartParser):
    """DRF's multipart parser; a malformed form (no boundary, cut short) is a 400 in the user's words."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError:
            raise _refused(_("This body is not a valid multipart form: send the fields again.")) from None


class WordedFormParser(FormParser):
    """DRF's form parser; a body that is not a form in its declared encoding is a 400 in words."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except (ParseError, ValueError):
            raise _refused(_("This body is not a valid form: send the fields again.")) from None


PARSERS = [WordedMultiPartParser, WordedFormParser, BoundedJSONParser]
