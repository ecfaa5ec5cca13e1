"""Error catalogue. Every message names the input (file, table, or argument) at fault."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: ``str(err)`` is a complete message for a user."""


class InputError(EventwireError):
    """An input that cannot be coded. ``origin`` names it (path, path:line, or '-')."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class StoreError(EventwireError):
    """A database that cannot be opened or written; ``path`` names it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


class ClusterError(EventwireError):
    """A Dask cluster that cannot be reached, started or used; ``address`` names it."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(f"{address}: {reason}")


class MissingExtra(EventwireError):
    """A feature whose packages this installation left out (an extra of eventwire's)."""

    def __init__(self, what: str, extra: str, module: str) -> None:
        super().__init__(E_EXTRA.format(what=what, extra=extra, module=module))


def needs(what: str, extra: str, *modules: str) -> None:
    """Raise MissingExtra naming the extra to install when a module ``what`` needs is missing."""
    import importlib.util

    for module in modules:
        if importlib.util.find_spec(module) is None:
            raise MissingExtra(what, extra, module)


class TableError(EventwireError):
    """A shipped or user data table that does not validate."""

    def __init__(self, table: str, where: str, reason: str) -> None:
        super().__init__(f"data table {table} ({where}): {reason}")


# Numbered reasons, so that users can search for them and tests can match them.
E_EMPTY = "E101 empty input: no text to code"
E_BINARY = "E102 binary content (NUL bytes or non-text data), not a text article"
E_ENCODING = "E103 not valid UTF-8 text (byte {pos}); re-save the file as UTF-8"
E_TOO_BIG = "E104 input is {size:,} bytes; the limit is {limit:,} (use --max-bytes to raise it)"
E_TOO_BIG_READ = "E104 input is larger than the limit of {limit:,} bytes (use --max-bytes to raise it)"
E_NO_ARTICLE = "E105 no article text found in the HTML (only navigation, scripts or markup)"
E_NO_ARTICLE_READ = "E105 no article text read from the HTML: {why}"
E_JSON = "E106 malformed JSON: {detail}"
E_JSON_TEXT = "E107 JSON article has no non-empty 'text' field"
E_LANGUAGE = (
    "E108 text does not look like English ({share:.0%} English function words); only English is coded"
)
E_COMPRESSED = "E118 compressed feed cannot be read on from here: {detail}"
E_UNREADABLE = "E126 cannot be read: {detail}"
E_SPECIAL = "E127 not a regular file ({kind}); only files and folders are read from a folder"
E_SURROGATE = (
    "E128 not valid Unicode: {field} holds a lone surrogate ({char} at character {pos}), "
    "a broken escape in the JSON"
)
E_BUG = "E129 could not be read because of a bug in eventwire (please report it): {detail}"
E_PARQUET = "E119 not a readable Parquet file of articles: {detail}"
E_DATE = (
    "E109 cannot read the date {value!r}: give a day, month and four-digit year "
    "(2020-01-05, 5 January 2020, January 5, 2020, Sun, 05 Jan 2020 14:03:00 +0000)"
)
E_KIND = (
    "E110 unsupported input type {suffix!r}; give .txt, .html, .json, .jsonl, .jsonl.gz, .parquet or a folder"
)
E_MISSING = "E111 no such file or folder"
E_TOO_LONG = "E114 text is {chars:,} characters; the parser takes at most {limit:,}"
E_TOO_SHORT = "E112 text too short to hold an event ({words} words)"
E_FOLDER_EMPTY = "E113 folder holds no .txt, .html, .json, .jsonl, .jsonl.gz or .parquet files"
E_COUNTRY = "E117 unknown country {value!r}: give an ISO 3166 code (KE, KEN) or a country name"
E_NOT_STORE = "E120 not an eventwire database ({detail}); give another --db or move the file"
E_NEWER_STORE = (
    "E121 written by a newer eventwire (schema {found}; this one reads up to {known}): upgrade eventwire"
)
E_STORE_IO = "E122 cannot use the database: {detail}"
E_STORE_FULL = (
    "E123 the disk is full: this article was not stored (everything stored before it is "
    "intact); free some space and run again, stored articles are skipped"
)
E_STORE_READONLY = (
    "E124 the database or its folder cannot be written ({detail}); give a --db in a writable folder"
)
E_GOLD = "E115 not a readable gold file: {detail}"
E_GOLD_EMPTY = "E116 no gold files ({pattern}) found"
E_CLUSTER = "E125 cannot use the Dask cluster: {detail}"
E_FEED = "E130 not an RSS or Atom feed, nor a list of URLs: {detail}"
E_HTTP = "E131 the server answered HTTP {status}"
E_ROBOTS = "E132 robots.txt of {host} does not allow fetching this page"
E_NO_TEXT = "E133 no article text on the page (a paywall, a video, an index page?)"
E_PAGE_TOO_BIG = "E134 the page is larger than {limit:,} bytes"
E_PRIVATE = "E135 refused: {host} is a loopback, private or link-local address"
E_GAVE_UP = "E136 gave up after {attempts} attempts; the last: {detail}"
E_FETCH = "E137 could not fetch: {detail}"
E_NOT_WEB = "E138 refused: a feed item must link to an http(s) page, not {link!r}"
E_DEADLINE = "E139 gave up: the server took longer than {seconds:g} s to answer in full"
# A user's own gazetteer files (`eventwire gazetteer add`): the origin names the file, and
# the line where one is at fault.
E_GAZ_LINE = "E140 malformed gazetteer line: {detail}"
E_GAZ_READ = "E141 cannot read the gazetteer file: {detail}"
E_GAZ_FORMAT = (
    "E142 not a gazetteer file eventwire reads ({detail}): give a GeoNames dump (.txt, or a .zip "
    "holding one: 19 tab-separated columns) or a CSV with the columns name, latitude, "
    "longitude, country, admin1"
)
E_GAZ_CHANGED = (
    "E143 this gazetteer file changed after it was added ({detail}): run `eventwire gazetteer "
    "add {path}` to take in the new version, or `eventwire gazetteer remove {path}`"
)
E_GAZ_GONE = (
    "E144 this gazetteer file is gone (it was added {added}): put it back, or run `eventwire "
    "gazetteer remove {path}`"
)
E_EXTRA = (
    "E150 {what} needs eventwire's [{extra}] extra ({module} is not installed): "
    "pip install 'eventwire[{extra}]'"
)
E_GAZ_UNKNOWN = "E145 not one of your gazetteer files; `eventwire gazetteer list` shows them"
