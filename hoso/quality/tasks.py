"""Background jobs of hoso.quality (django.tasks; STACK.md §2): they take ids and call a service."""

from django.tasks import task

from hoso.quality import services
from hoso.quality.enums import CheckRunStatus
from hoso.quality.models import CheckRun


@task()
def run_consistency_check(run_id: int) -> int:
    """Run a queued consistency check ("Run now" on a unit's page); a run already done is not run again."""
    run = CheckRun.objects.select_related("unit").get(pk=run_id)
    if run.status != CheckRunStatus.QUEUED:
        return run.people_checked
    return services.run_check(run=run).people_checked
