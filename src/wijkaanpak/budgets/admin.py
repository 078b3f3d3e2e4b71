"""Read-only admin for resident budgets.

Changes go through the pages and the API (``budgets.services``: the allowed phase transitions
and their checks). Resident budgets keep no change history: a process or idea holds only its
current state and ``updated_at``. What is recorded is moderation (``ModerationAction``,
append-only: who hid or showed what, and why), who made which batch of codes (``CodeBatch``)
and the counted result (``Result``).
Ballots, voting codes, paper entries and returned letters are deliberately **not** registered:
no administrator can browse who voted or what was voted. Even the code table only holds keyed
hashes; the ballot table has no link to it (README, "Resident budget").
"""

from django.contrib import admin

from wijkaanpak.budgets.models import CodeBatch, Comment, Idea, ModerationAction, Process, Result


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Process)
class ProcessAdmin(ReadOnlyAdmin):
    list_display = ["title", "area", "phase", "budget", "ballot_type", "rule"]
    list_filter = ["phase", "ballot_type", "rule"]
    search_fields = ["title", "area__name", "area__code"]


@admin.register(Idea)
class IdeaAdmin(ReadOnlyAdmin):
    list_display = ["title", "process", "status", "cost", "is_hidden", "is_funded"]
    list_filter = ["status", "is_hidden", "is_funded"]
    search_fields = ["title"]
    exclude = ["author_email"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["idea", "author_name", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["at", "process", "action", "reason", "by"]


@admin.register(CodeBatch)
class CodeBatchAdmin(ReadOnlyAdmin):
    list_display = ["process", "number", "kind", "created", "skipped", "created_by", "created_at"]


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ["process", "rule", "ballots", "spent", "counted_at"]
