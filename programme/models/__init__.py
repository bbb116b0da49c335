"""The programme's models, one module per concern:

- editions: editions (calendar, budget envelopes, criteria) and organisations;
- programme_page: /programme/ (figures from programme.dashboard);
- call_page: calls for applications (served by programme.calls);
- applications: applications, attachments, stage log, conflicts of interest, reviews and scores;
- review_rounds: review rounds (criteria, due date, anonymity) and reviewers' assignments;
- projects: project pages, phases, teams and budget tranches (impact charts from programme.impact);
- juries: jury sessions, decisions and project reviews;
- selections: selection juries' decisions on applications;
- drafts: applicants' drafts and the log of their edits;
- indicators: impact indicators and their measurements.

`from programme.models import X` works for every model. A module that a page model imports
(programme.calls, programme.dashboard, programme.impact) imports the concrete modules
(`programme.models.applications`...), never this package: that would close an import cycle.
"""

from .applications import (
    ApplicantMessage,
    Application,
    ApplicationFile,
    ConflictOfInterest,
    PrivateStorage,
    Review,
    Score,
    StageChange,
    attachment_path,
    private_storage,
)
from .call_page import CALL_FIELD_CHOICES, CallFormField, CallPage
from .drafts import ApplicationDraft, ApplicationEdit
from .editions import BudgetEnvelope, Criterion, Edition, EditionEvent, Organisation
from .indicators import Indicator, Measurement
from .juries import JuryDecision, JuryDecisionQuerySet, JurySession, ProjectReview, Track
from .programme_page import ProgrammePage
from .projects import BudgetTranche, Phase, ProjectPage, ProjectPageForm, ProjectPhase, TeamMember
from .review_rounds import Assignment, AssignmentQuerySet, ReviewRound
from .selections import SelectionDecision, SelectionOutcome

__all__ = [
    "CALL_FIELD_CHOICES",
    "ApplicantMessage",
    "Assignment",
    "AssignmentQuerySet",
    "Application",
    "ApplicationDraft",
    "ApplicationEdit",
    "ApplicationFile",
    "BudgetEnvelope",
    "BudgetTranche",
    "CallFormField",
    "CallPage",
    "ConflictOfInterest",
    "Criterion",
    "Edition",
    "EditionEvent",
    "Indicator",
    "JuryDecision",
    "JuryDecisionQuerySet",
    "JurySession",
    "Measurement",
    "Organisation",
    "Phase",
    "PrivateStorage",
    "ProgrammePage",
    "ProjectPage",
    "ProjectPageForm",
    "ProjectPhase",
    "ProjectReview",
    "Review",
    "ReviewRound",
    "Score",
    "SelectionDecision",
    "SelectionOutcome",
    "StageChange",
    "TeamMember",
    "Track",
    "attachment_path",
    "private_storage",
]
