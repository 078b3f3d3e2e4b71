"""Framework-free participatory-budgeting counting engine (no Django imports).

Read Pabulib files (:mod:`.pabulib`), validate ballots (:func:`validate_ballot`), count with
greedy, greedy per euro, the Method of Equal Shares (plain, add1 completion, cardinal
utilities) or sequential Phragmén (:func:`count`), explain the outcome per project
(:func:`explain`). See :mod:`.rules` for the rules and tie-breaking and :mod:`.mes` for how MES
is made fast and exact.
"""

from .explain import Explanation, PaymentGroup, ProjectExplanation, explain
from .model import (
    BallotError,
    BallotKind,
    BallotRules,
    Election,
    Project,
    Voter,
    validate_ballot,
    validate_election_ballot,
)
from .pabulib import PabulibError, dumps_pabulib, loads_pabulib, read_pabulib, write_pabulib
from .profile import TieBreak, Utility, compile_profile
from .rules import Outcome, Rule, count

__all__ = [
    "BallotError",
    "BallotKind",
    "BallotRules",
    "Election",
    "Explanation",
    "Outcome",
    "PabulibError",
    "PaymentGroup",
    "Project",
    "ProjectExplanation",
    "Rule",
    "TieBreak",
    "Utility",
    "Voter",
    "compile_profile",
    "count",
    "dumps_pabulib",
    "explain",
    "loads_pabulib",
    "read_pabulib",
    "validate_ballot",
    "validate_election_ballot",
    "write_pabulib",
]
