"""Read and write Pabulib ``.pb`` files (https://pabulib.org/format).

A file has three sections, each introduced by a line holding only its name and followed by a
header row: ``META`` (``key;value``), ``PROJECTS`` (``project_id;cost;...``) and ``VOTES``
(``voter_id;vote;...``). Fields are separated by ``;`` and may be quoted (``"a ""b"";c"``).
The ``vote`` column holds comma-separated project ids; cumulative and scoring ballots have a
parallel ``points`` column; ordinal ballots list projects in order of preference.

The reader tolerates a UTF-8 byte order mark, blank lines, quoted fields (also spanning lines),
extra columns, ``None`` cells, decimal costs and budgets (``2572946.76``) and decimal commas.
Malformed input raises :class:`PabulibError` whose ``line`` is the 1-based line number.
"""

from __future__ import annotations

import csv
import gc
import io
import os
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

from .model import BallotKind, Election, Project, Voter, format_number, parse_number

__all__ = [
    "PabulibError",
    "dumps_pabulib",
    "loads_pabulib",
    "read_pabulib",
    "write_pabulib",
]

_SECTIONS = ("meta", "projects", "votes")


class PabulibError(ValueError):
    """A malformed Pabulib file. ``line`` is the 1-based line number (0 if unknown)."""

    def __init__(self, message: str, line: int = 0, path: str | None = None) -> None:
        self.message = message
        self.line = line
        self.path = path
        where = f"{path}:" if path else ""
        prefix = f"{where}line {line}: " if line else (f"{where} " if where else "")
        super().__init__(f"{prefix}{message}")


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(first line number, fields)`` for every CSV record, blank ones skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"', strict=True)
    previous_end = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise PabulibError(f"unreadable line ({exc})", reader.line_num) from exc
        start = previous_end + 1
        previous_end = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        yield start, row


def _is_missing(cell: str) -> bool:
    stripped = cell.strip()
    return stripped == "" or stripped.lower() == "none"


def loads_pabulib(text: str, *, path: str | None = None) -> Election:
    """Parse the text of a Pabulib file into an :class:`~.model.Election`."""
    enabled = gc.isenabled()
    gc.disable()  # many small immutable objects: the cyclic GC only costs time here
    try:
        return _parse(text.removeprefix("\ufeff"))
    except PabulibError as exc:
        if path is not None and exc.path is None:
            raise PabulibError(exc.message, exc.line, path) from None
        raise
    finally:
        if enabled:
            gc.enable()


def read_pabulib(path: str | os.PathLike[str]) -> Election:
    """Read a Pabulib file (UTF-8, with or without byte order mark)."""
    name = os.fspath(path)
    try:
        raw = Path(name).read_bytes()
    except OSError as exc:
        raise PabulibError(f"cannot read file: {exc.strerror}", 0, name) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PabulibError("file is not valid UTF-8", line, name) from exc
    return loads_pabulib(text, path=name)


def _parse(text: str) -> Election:
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    projects: dict[str, Project] = {}
    project_columns: list[str] = []
    voter_columns: list[str] = []
    vote_rows: list[tuple[int, list[str]]] = []
    section: str | None = None
    header: list[str] | None = None
    header_line = 0
    seen_sections: set[str] = set()

    for line, row in _records(text):
        first = row[0].strip().lower()
        if first in _SECTIONS and all(not cell.strip() for cell in row[1:]):
            if first in seen_sections:
                raise PabulibError(f"section {first.upper()} appears twice", line)
            seen_sections.add(first)
            section = first
            header = None
            continue
        if section is None:
            raise PabulibError("data before the first section (expected META)", line)
        if header is None:
            header = [cell.strip() for cell in row]
            header_line = line
            while header and header[-1] == "":
                header.pop()
            if len(set(header)) != len(header):
                raise PabulibError(f"duplicate column name in {section.upper()} header", line)
            if section == "projects":
                for required in ("project_id", "cost"):
                    if required not in header:
                        raise PabulibError(f"PROJECTS header has no '{required}' column", line)
                project_columns = header
            elif section == "votes":
                if "vote" not in header:
                    raise PabulibError("VOTES header has no 'vote' column", line)
                voter_columns = header
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            raise PabulibError(
                f"row has {len(row)} fields but the {section.upper()} header "
                f"(line {header_line}) has {len(header)}",
                line,
            )
        if section == "meta":
            key = row[0].strip()
            value = row[1].strip() if len(row) > 1 else ""
            meta[key] = value
            meta_lines[key] = line
        elif section == "projects":
            cells = {col: (row[i].strip() if i < len(row) else "") for i, col in enumerate(header)}
            project_id = cells.pop("project_id")
            if not project_id:
                raise PabulibError("empty project_id", line)
            if project_id in projects:
                raise PabulibError(f"duplicate project_id {project_id!r}", line)
            try:
                cost = parse_number(cells.pop("cost"))
            except ValueError as exc:
                raise PabulibError(f"invalid cost for project {project_id!r}: {exc}", line) from exc
            if cost < 0:
                raise PabulibError(f"negative cost for project {project_id!r}", line)
            projects[project_id] = Project(project_id, cost, cells)
        else:
            vote_rows.append((line, row))

    for needed in _SECTIONS:
        if needed not in seen_sections:
            raise PabulibError(f"missing {needed.upper()} section", 0)
    if "budget" not in meta:
        raise PabulibError("META has no 'budget'", 0)
    try:
        budget = parse_number(meta["budget"])
    except ValueError as exc:
        raise PabulibError(f"invalid budget: {exc}", meta_lines["budget"]) from exc
    if budget < 0:
        raise PabulibError("negative budget", meta_lines["budget"])
    raw_kind = meta.get("vote_type", "approval").strip().lower()
    try:
        kind = BallotKind(raw_kind)
    except ValueError:
        raise PabulibError(
            f"unsupported vote_type {raw_kind!r}", meta_lines.get("vote_type", 0)
        ) from None
    if kind.has_points and "points" not in voter_columns:
        raise PabulibError(f"{kind.value} ballots need a 'points' column", header_line)

    voters = _parse_votes(vote_rows, voter_columns, projects, kind)
    return Election(
        meta=meta,
        projects=projects,
        voters=voters,
        project_columns=project_columns,
        voter_columns=voter_columns,
        warnings=_meta_warnings(meta, meta_lines, len(projects), len(voters)),
    )


def _meta_warnings(
    meta: dict[str, str], lines: dict[str, int], projects: int, votes: int
) -> list[tuple[int, str]]:
    """META's own counts against the sections: a mismatch may mean a file cut short."""
    warnings: list[tuple[int, str]] = []
    for key, actual, noun in (
        ("num_projects", projects, "projects"),
        ("num_votes", votes, "votes"),
    ):
        if key not in meta:
            continue
        text = meta[key].strip()
        if not text.isdigit():
            warnings.append((lines[key], f"META {key} {text!r} is not a whole number"))
        elif int(text) != actual:
            warnings.append(
                (lines[key], f"META says {key} {int(text)}, but the file has {actual} {noun}")
            )
    return warnings


def _parse_votes(
    rows: list[tuple[int, list[str]]],
    columns: list[str],
    projects: dict[str, Project],
    kind: BallotKind,
) -> list[Voter]:
    vote_index = columns.index("vote")
    points_index = columns.index("points") if kind.has_points else -1
    id_index = columns.index("voter_id") if "voter_id" in columns else -1
    other = [
        (i, col) for i, col in enumerate(columns) if i not in (vote_index, points_index, id_index)
    ]
    number_cache: dict[str, Fraction] = {}
    ballot_cache: dict[str, tuple[str, ...]] = {}
    voters: list[Voter] = []
    seen_ids: set[str] = set()
    for position, (line, row) in enumerate(rows):
        width = len(row)
        voter_id = row[id_index].strip() if 0 <= id_index < width else str(position + 1)
        if voter_id in seen_ids:
            raise PabulibError(f"duplicate voter_id {voter_id!r}", line)
        seen_ids.add(voter_id)
        raw_vote = row[vote_index] if vote_index < width else ""
        ballot = ballot_cache.get(raw_vote)
        if ballot is None:
            ballot = (
                ()
                if _is_missing(raw_vote)
                else tuple(p.strip() for p in raw_vote.split(",") if p.strip())
            )
            for project_id in ballot:
                if project_id not in projects:
                    raise PabulibError(
                        f"vote of voter {voter_id!r} names unknown project {project_id!r}", line
                    )
            if len(set(ballot)) != len(ballot):
                raise PabulibError(f"vote of voter {voter_id!r} names a project twice", line)
            ballot_cache[raw_vote] = ballot
        points: tuple[Fraction, ...] | None = None
        if points_index >= 0:
            raw_points = row[points_index] if points_index < width else ""
            parts = [] if _is_missing(raw_points) else [p for p in raw_points.split(",")]
            values: list[Fraction] = []
            for part in parts:
                value = number_cache.get(part)
                if value is None:
                    try:
                        value = parse_number(part)
                    except ValueError as exc:
                        raise PabulibError(
                            f"invalid points of voter {voter_id!r}: {exc}", line
                        ) from exc
                    number_cache[part] = value
                values.append(value)
            if len(values) != len(ballot):
                raise PabulibError(
                    f"voter {voter_id!r} has {len(ballot)} projects but {len(values)} points",
                    line,
                )
            points = tuple(values)
        fields = {col: (row[i].strip() if i < width else "") for i, col in other}
        voters.append(Voter(voter_id, ballot, points, fields))
    return voters


def dumps_pabulib(election: Election) -> str:
    """Serialise an election to Pabulib text (``\\n`` line ends, minimal quoting)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\n")
    out.write("META\n")
    writer.writerow(["key", "value"])
    for key, value in election.meta.items():
        writer.writerow([key, value])
    out.write("PROJECTS\n")
    columns = list(election.project_columns) or ["project_id", "cost"]
    for required in ("project_id", "cost"):
        if required not in columns:
            columns.insert(0 if required == "project_id" else 1, required)
    extra = sorted({k for p in election.projects.values() for k in p.fields} - set(columns))
    columns += extra
    writer.writerow(columns)
    for project in election.projects.values():
        row = []
        for col in columns:
            if col == "project_id":
                row.append(project.id)
            elif col == "cost":
                row.append(format_number(project.cost))
            else:
                row.append(project.fields.get(col, ""))
        writer.writerow(row)
    out.write("VOTES\n")
    vcolumns = list(election.voter_columns) or ["voter_id", "vote"]
    if "vote" not in vcolumns:
        vcolumns.append("vote")
    if election.kind.has_points and "points" not in vcolumns:
        vcolumns.insert(vcolumns.index("vote") + 1, "points")
    vextra = sorted({k for v in election.voters for k in v.fields} - set(vcolumns))
    vcolumns += vextra
    writer.writerow(vcolumns)
    for voter in election.voters:
        row = []
        for col in vcolumns:
            if col == "voter_id":
                row.append(voter.id)
            elif col == "vote":
                row.append(",".join(voter.ballot))
            elif col == "points":
                row.append(",".join(format_number(p) for p in voter.points or ()))
            else:
                row.append(voter.fields.get(col, ""))
        writer.writerow(row)
    return out.getvalue()


def write_pabulib(election: Election, path: str | os.PathLike[str]) -> None:
    """Write an election as a Pabulib file (UTF-8 without byte order mark)."""
    Path(path).write_text(dumps_pabulib(election), encoding="utf-8", newline="")
