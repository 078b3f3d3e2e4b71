"""Low-level file access for the readers: bytes/paths/uploads, encodings, CSV
dialects and xlsx sheets, presented as one simple "table" of rows.

Nothing here knows about CBS variables; see :mod:`.kwb` and :mod:`.plain`.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final, Literal

from .base import ImportFailed, ImportProblem, ProblemCode, Source

__all__ = [
    "ColumnSpec",
    "ImportLimits",
    "ResolvedColumns",
    "Table",
    "cell_text",
    "decode_text",
    "is_ole2",
    "is_xlsx",
    "load_source",
    "normalise_header",
    "open_csv_table",
    "open_table",
    "open_xlsx_table",
    "import_limits",
    "set_import_limits",
    "resolve_columns",
    "sniff_delimiter",
    "source_filename",
]

XLSX_MAGIC: Final = b"PK\x03\x04"
OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_SCAN_ROWS: Final = 20
_SEP_LINE: Final = re.compile(r'"?sep=(.)"?[,;\t]*')

Row = Sequence[object]
HeaderPredicate = Callable[[Sequence[str]], bool]


# --------------------------------------------------------------------------- limits


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """Caps against zip bombs and absurd files (issue 7, C8).

    A national kwb sheet (about 18,000 rows of 121 columns) is about 90 MB of XML
    once unpacked (the 122-row Utrecht sheet is 0.6 MB); the defaults leave room
    for twice that. Django's ``AreasConfig.ready`` sets them from the settings.
    """

    #: sum of the uncompressed sizes of all parts of an xlsx (zip) file
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    #: rows per sheet or CSV file, empty ones included (Excel's own maximum: a national
    #: long-format figures file has about 800,000)
    max_rows: int = 1_048_576
    #: cells in one xlsx row (Excel's own maximum is 16,384)
    max_columns: int = 16_384
    #: cells read in total (also counts the empty cells openpyxl fills in) and
    #: shared strings in an xlsx file
    max_cells: int = 20_000_000
    #: parts in the zip container (a kwb file has about a dozen)
    max_zip_members: int = 1_000


_limits = ImportLimits()


def set_import_limits(limits: ImportLimits) -> None:
    """Set the limits every later :func:`open_table` uses (once, at start-up)."""
    global _limits
    _limits = limits


def import_limits() -> ImportLimits:
    return _limits


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f}".replace(",", ".")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _too_large(size: int, limits: ImportLimits) -> ImportProblem:
    return _file_problem(
        ProblemCode.FILE_TOO_LARGE,
        f"Dit Excel-bestand is uitgepakt te groot om te lezen: meer dan {_megabytes(size)} MB, "
        f"de grens is {_megabytes(limits.max_uncompressed_bytes)} MB. Bewaar alleen het "
        "werkblad met de cijfers, of splits het bestand.",
        size=size,
        limit=limits.max_uncompressed_bytes,
    )


def _too_many_rows(line: int, sheet: str | None, limits: ImportLimits) -> ImportProblem:
    where = f"het werkblad '{sheet}'" if sheet else "dit bestand"
    return ImportProblem(
        line,
        None,
        None,
        f"regel {_thousands(line)}: {where} heeft meer dan {_thousands(limits.max_rows)} "
        "regels met gegevens. Zoveel lezen we niet in één keer: splits het bestand.",
        ProblemCode.TOO_MANY_ROWS,
        details={"limit": limits.max_rows, "sheet": sheet},
    )


def _too_many_cells(line: int, limit: int) -> ImportProblem:
    return ImportProblem(
        line,
        None,
        None,
        f"regel {_thousands(line)}: het bestand heeft meer dan {_thousands(limit)} cellen "
        "(ook lege). Zoveel lezen we niet: bewaar alleen de kolommen en regels met gegevens.",
        ProblemCode.ROW_TOO_WIDE,
        details={"limit": limit},
    )


def _row_too_wide(line: int, sheet: str, limits: ImportLimits) -> ImportProblem:
    return ImportProblem(
        line,
        None,
        None,
        f"regel {_thousands(line)}: deze regel van het werkblad '{sheet}' heeft meer dan "
        f"{_thousands(limits.max_columns)} cellen. Zoveel kolommen lezen we niet.",
        ProblemCode.ROW_TOO_WIDE,
        details={"limit": limits.max_columns, "sheet": sheet},
    )


# A start tag <row ...>, <c ...> or <si ...>, with or without a namespace prefix.
_XML_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|si)[\s/>]")
_CHUNK: Final = 1024 * 1024


def check_xlsx_limits(loaded: LoadedSource, limits: ImportLimits | None = None) -> None:
    """Refuse a zip bomb before openpyxl parses anything.

    First the sizes the zip declares (cheap; Python's zipfile never returns more
    than a part's declared size, so a part that lies fails its CRC check later),
    then one streaming pass over the worksheets and shared strings that counts
    the bytes really unpacked, the rows per sheet, the cells per row and the
    shared strings, stopping at the first limit. A file that is not a valid zip
    is left to openpyxl, which reports it as unreadable.
    """
    limits = limits or _limits
    handle = loaded.open_binary()
    try:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError):
            return
        with archive:
            members = archive.infolist()
            if len(members) > limits.max_zip_members:
                raise ImportFailed(
                    [
                        _file_problem(
                            ProblemCode.FILE_TOO_LARGE,
                            f"Dit Excel-bestand bestaat uit {_thousands(len(members))} delen; "
                            f"de grens is {_thousands(limits.max_zip_members)}. Is het wel een "
                            "gewoon werkblad?",
                            parts=len(members),
                        )
                    ]
                )
            declared = sum(m.file_size for m in members)
            if declared > limits.max_uncompressed_bytes:
                raise ImportFailed([_too_large(declared, limits)])
            unpacked = 0
            for member in members:
                name = member.filename
                is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
                if not (is_sheet or name.endswith("sharedStrings.xml")):
                    continue
                sheet = name.rsplit("/", 1)[-1].removesuffix(".xml")
                rows = cells = strings = 0
                carry = b""
                try:
                    stream = archive.open(member)
                except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError):
                    return  # openpyxl will say the file is unreadable
                with stream:
                    while True:
                        try:
                            chunk = stream.read(_CHUNK)
                        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
                            return  # damaged (or lying) part: unreadable, said by openpyxl
                        if not chunk:
                            break
                        unpacked += len(chunk)
                        if unpacked > limits.max_uncompressed_bytes:
                            raise ImportFailed([_too_large(unpacked, limits)])
                        data = carry + chunk
                        cut = data.rfind(b"<")
                        if cut >= 0 and len(data) - cut < 64:  # a tag may go on in the next chunk
                            data, carry = data[:cut], data[cut:]
                        else:
                            carry = b""
                        for match in _XML_TAG.finditer(data):
                            tag = match.group(1)
                            if tag == b"c":
                                cells += 1
                                if cells > limits.max_columns:
                                    raise ImportFailed([_row_too_wide(rows, sheet, limits)])
                            elif tag == b"row":
                                rows += 1
                                cells = 0
                                if rows > limits.max_rows + _HEADER_SCAN_ROWS:
                                    raise ImportFailed([_too_many_rows(rows, sheet, limits)])
                            else:
                                strings += 1
                                if strings > limits.max_cells:
                                    raise ImportFailed([_too_many_cells(strings, limits.max_cells)])
    finally:
        handle.close()


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True, slots=True)
class LoadedSource:
    """A source made concrete: either a path on disk or bytes in memory."""

    path: Path | None
    data: bytes | None

    def head(self, size: int = 8) -> bytes:
        if self.data is not None:
            return self.data[:size]
        assert self.path is not None
        with self.path.open("rb") as fh:
            return fh.read(size)

    def read_bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    def open_binary(self) -> IO[bytes]:
        """A binary file object (openpyxl checks the extension of paths, not of
        file objects, so uploads stored under any name still open)."""
        if self.path is not None:
            return self.path.open("rb")
        return io.BytesIO(self.data or b"")


def load_source(source: Source | LoadedSource) -> LoadedSource:
    """Turn a path, bytes or binary file object into a :class:`LoadedSource`.

    File objects are read completely (and rewound when seekable, so a caller
    can read them again).
    """
    if isinstance(source, LoadedSource):
        return source
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise ImportFailed(
                [_file_problem(ProblemCode.FILE_UNREADABLE, "We kunnen het bestand niet vinden.")]
            )
        return LoadedSource(path=path, data=None)
    if isinstance(source, bytes | bytearray | memoryview):
        return LoadedSource(path=None, data=bytes(source))
    fh: Any = source
    start = fh.tell() if fh.seekable() else None
    data = fh.read()
    if start is not None:
        fh.seek(start)
    if isinstance(data, str):  # a text-mode file object; be forgiving
        data = data.encode("utf-8")
    return LoadedSource(path=None, data=bytes(data))


def source_filename(source: Source | LoadedSource, filename: str | None) -> str | None:
    """The file name to use for year detection and messages."""
    if filename:
        return os.path.basename(filename)
    if isinstance(source, LoadedSource):
        return source.path.name if source.path is not None else None
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    name = getattr(source, "name", None)
    return os.path.basename(name) if isinstance(name, str) and name else None


def is_xlsx(head: bytes) -> bool:
    return head.startswith(XLSX_MAGIC)


def is_ole2(head: bytes) -> bool:
    return head.startswith(OLE2_MAGIC)


def _file_problem(code: ProblemCode, message: str, **details: object) -> ImportProblem:
    return ImportProblem(None, None, None, message, code, details=details)


def old_excel_problem() -> ImportProblem:
    # Old .xls files and password-protected .xlsx files are both OLE2 containers.
    return _file_problem(
        ProblemCode.OLD_EXCEL,
        "Dit is een oud Excel-bestand (.xls) of een bestand met een wachtwoord. Open het "
        "in Excel, haal een eventueel wachtwoord weg, sla het op als .xlsx of als .csv "
        "en probeer het opnieuw.",
    )


# --------------------------------------------------------------------------- text


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else
    Windows-1252 (a superset of Latin-1 for text), else Latin-1.

    Returns ``(text, encoding)``.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _count_outside_quotes(line: str, chars: str) -> dict[str, int]:
    counts = dict.fromkeys(chars, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return counts


def sniff_delimiter(header_line: str) -> str:
    """Pick ``;``, ``,`` or tab by counting them in the header line (outside
    quotes). Ties and zero counts give ``,``."""
    counts = _count_outside_quotes(header_line, ";,\t")
    best = max(counts, key=lambda c: (counts[c], c == ","))
    return best if counts[best] > 0 else ","


# --------------------------------------------------------------------------- tables


@dataclass(slots=True)
class Table:
    """Rows of a CSV file or an xlsx sheet, after the header row.

    ``rows`` yields ``(line, cells)``: ``line`` is the 1-based line (CSV: the
    physical line where the record starts) or row number (xlsx).
    """

    container: Literal["csv", "xlsx"]
    header: tuple[str, ...]
    header_line: int
    rows: Iterator[tuple[int, Row]]
    encoding: str | None = None
    delimiter: str | None = None
    decimal_comma: bool = False
    sheet: str | None = None
    _close: Callable[[], None] | None = field(default=None, repr=False)

    def column_label(self, index: int) -> str | int:
        """How a user finds column ``index`` (0-based): ``"H"`` or ``8``."""
        if self.container == "xlsx":
            return _column_letter(index + 1)
        return index + 1

    def close(self) -> None:
        if self._close is not None:
            closer, self._close = self._close, None
            closer()


def _column_letter(number: int) -> str:
    letters = ""
    while number > 0:
        number, rem = divmod(number - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_STRIP: Final = " \t\r\n\u00a0\ufeff"


def cell_text(value: object) -> str:
    """A cell as trimmed text (``None`` -> ``""``; ``12.0`` -> ``"12"``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip(_STRIP)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip(_STRIP)


def open_csv_table(data: bytes) -> Table:
    """Open CSV bytes. The header is the first non-empty line; an Excel
    ``sep=;`` line before it is honoured."""
    if not data.strip():
        raise ImportFailed([_file_problem(ProblemCode.FILE_EMPTY, "Het bestand is leeg.")])
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFailed(
            [
                _file_problem(
                    ProblemCode.FILE_UNREADABLE,
                    "We kunnen dit bestand niet lezen. Is het wel een .csv- of .xlsx-bestand?",
                )
            ]
        )
    text, encoding = decode_text(data)
    buffer = io.StringIO(text, newline="")
    skip_lines = 0
    position = buffer.tell()
    line = buffer.readline()
    delimiter: str | None = None
    while line:
        if not line.strip():
            skip_lines += 1
        elif delimiter is None and (m := _SEP_LINE.fullmatch(line.strip())):
            delimiter = m.group(1)  # Excel's "sep=;" hint line
            skip_lines += 1
        else:
            break
        position = buffer.tell()
        line = buffer.readline()
    if not line:
        raise ImportFailed([_file_problem(ProblemCode.FILE_EMPTY, "Het bestand is leeg.")])
    if delimiter is None:
        delimiter = sniff_delimiter(line)
    buffer.seek(position)
    reader = csv.reader(buffer, delimiter=delimiter)
    try:
        header_cells = next(reader)
    except csv.Error as exc:
        raise ImportFailed(
            [
                ImportProblem(
                    skip_lines + 1,
                    None,
                    None,
                    f"regel {skip_lines + 1}: de kopregel kunnen we niet lezen. "
                    'Staat er een aanhalingsteken (") te veel in?',
                    ProblemCode.ROW_UNREADABLE,
                    details={"error": str(exc)},
                )
            ]
        ) from exc
    header_line = skip_lines + 1
    offset = skip_lines
    limits = _limits

    def rows() -> Iterator[tuple[int, Row]]:
        previous = reader.line_num
        for count, cells in enumerate(reader, start=1):
            start = previous + 1
            previous = reader.line_num
            if count > limits.max_rows:
                raise ImportFailed([_too_many_rows(start + offset, None, limits)])
            yield start + offset, cells

    return Table(
        container="csv",
        header=tuple(cell_text(c) for c in header_cells),
        header_line=header_line,
        rows=rows(),
        encoding=encoding,
        delimiter=delimiter,
        decimal_comma=delimiter in (";", "\t"),
    )


def open_xlsx_table(
    loaded: LoadedSource,
    *,
    sheet: str | None = None,
    is_header: HeaderPredicate | None = None,
    prefer_sheet: Callable[[str], bool] | None = None,
) -> Table:
    """Open an xlsx workbook (openpyxl read-only) and find the sheet and header row.

    Sheet choice: ``sheet`` if given; otherwise sheets for which ``prefer_sheet``
    is true come first, then the others in workbook order; the first sheet with a
    row (among the first 20) for which ``is_header`` is true wins. Without a match
    the first sheet is used with its first non-empty row as header, so the caller
    can report which columns are missing.
    """
    import openpyxl  # imported lazily: CSV-only callers do not pay for it

    check_xlsx_limits(loaded)
    handle = loaded.open_binary()
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # any failure of the xlsx parser means: unreadable file
        handle.close()
        raise ImportFailed(
            [
                _file_problem(
                    ProblemCode.FILE_UNREADABLE,
                    "We kunnen dit Excel-bestand niet openen. Misschien is het beschadigd. "
                    "Sla het opnieuw op als .xlsx en probeer het nog eens.",
                    error=str(exc),
                )
            ]
        ) from exc

    try:
        names: list[str] = list(workbook.sheetnames)
        if sheet is not None:
            if sheet not in names:
                raise ImportFailed(
                    [
                        _file_problem(
                            ProblemCode.FILE_UNREADABLE,
                            f"Het werkblad '{sheet}' staat niet in dit bestand. "
                            f"Wel: {', '.join(repr(n) for n in names)}.",
                            sheets=tuple(names),
                        )
                    ]
                )
            order = [sheet]
        else:
            preferred = [n for n in names if prefer_sheet is not None and prefer_sheet(n)]
            order = preferred + [n for n in names if n not in preferred]
        if not order:
            raise ImportFailed([_file_problem(ProblemCode.FILE_EMPTY, "Het bestand is leeg.")])

        def close_all() -> None:
            workbook.close()
            handle.close()

        fallback: tuple[str, int, tuple[str, ...]] | None = None
        for name in order:
            ws = workbook[name]
            if not hasattr(ws, "iter_rows"):  # a chart sheet
                continue
            ws.reset_dimensions()  # some writers store wrong dimensions
            rows_iter = ws.iter_rows(values_only=True)
            for number, cells in enumerate(rows_iter, start=1):
                if number > _HEADER_SCAN_ROWS:
                    break
                texts = tuple(cell_text(c) for c in cells)
                if not any(texts):
                    continue
                if fallback is None:
                    fallback = (name, number, texts)
                if is_header is None or is_header(texts):
                    return _xlsx_table(close_all, name, number, texts, rows_iter)
            close = getattr(rows_iter, "close", None)
            if close is not None:
                close()
        if fallback is None:
            raise ImportFailed([_file_problem(ProblemCode.FILE_EMPTY, "Het bestand is leeg.")])
        name, number, texts = fallback
        ws = workbook[name]
        rows_iter = ws.iter_rows(min_row=number + 1, values_only=True)
        return _xlsx_table(close_all, name, number, texts, rows_iter, first_line=number + 1)
    except BaseException:
        workbook.close()
        handle.close()
        raise


def _xlsx_table(
    close: Callable[[], None],
    sheet: str,
    header_line: int,
    header: tuple[str, ...],
    rows_iter: Iterator[tuple[object, ...]],
    *,
    first_line: int | None = None,
) -> Table:
    start = header_line + 1 if first_line is None else first_line
    limits = _limits

    def rows() -> Iterator[tuple[int, Row]]:
        # openpyxl fills in the rows a sheet skips (<row r="1000000">) and the cells
        # before a far-away one (<c r="XFD2">): count what it yields, not the XML.
        cells = 0
        for line, row in enumerate(rows_iter, start=start):
            if line - header_line > limits.max_rows:
                raise ImportFailed([_too_many_rows(line, sheet, limits)])
            cells += len(row)
            if cells > limits.max_cells:
                raise ImportFailed([_too_many_cells(line, limits.max_cells)])
            yield line, row

    return Table(
        container="xlsx",
        header=header,
        header_line=header_line,
        rows=rows(),
        sheet=sheet,
        _close=close,
    )


def open_table(
    loaded: LoadedSource,
    *,
    sheet: str | None = None,
    is_header: HeaderPredicate | None = None,
    prefer_sheet: Callable[[str], bool] | None = None,
) -> Table:
    """Open xlsx or CSV, decided by the file's first bytes (not its name)."""
    head = loaded.head()
    if is_ole2(head):
        raise ImportFailed([old_excel_problem()])
    if is_xlsx(head):
        return open_xlsx_table(loaded, sheet=sheet, is_header=is_header, prefer_sheet=prefer_sheet)
    return open_csv_table(loaded.read_bytes())


# --------------------------------------------------------------------------- headers


def normalise_header(name: str) -> str:
    """Lower case, trimmed, spaces/hyphens/dots as ``_``: ``"Parent code"`` ->
    ``"parent_code"``."""
    text = name.strip().strip("\ufeff").strip().strip('"').strip().lower()
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column a reader understands. ``aliases`` are normalised header names."""

    field: str
    aliases: tuple[str, ...]
    required: bool
    #: the name to show the user (Dutch)
    label: str


@dataclass(slots=True)
class ResolvedColumns:
    index: dict[str, int]
    missing: list[ColumnSpec]
    unknown: list[tuple[int, str]]
    duplicates: list[tuple[str, list[int]]]


def resolve_columns(header: Sequence[str], specs: Sequence[ColumnSpec]) -> ResolvedColumns:
    """Match header cells to specs by alias. Empty header cells are ignored."""
    by_alias: dict[str, ColumnSpec] = {}
    for spec in specs:
        for alias in (spec.field, *spec.aliases):
            by_alias[normalise_header(alias)] = spec
    index: dict[str, int] = {}
    positions: dict[str, list[int]] = {}
    unknown: list[tuple[int, str]] = []
    for i, name in enumerate(header):
        if not name:
            continue
        matched = by_alias.get(normalise_header(name))
        if matched is None:
            unknown.append((i, name))
            continue
        positions.setdefault(matched.field, []).append(i)
        index.setdefault(matched.field, i)
    duplicates = [(f, p) for f, p in positions.items() if len(p) > 1]
    missing = [s for s in specs if s.required and s.field not in index]
    return ResolvedColumns(index=index, missing=missing, unknown=unknown, duplicates=duplicates)
