"""`{% record_quality person %}`: the person's missing items and open findings, on the record page."""

from typing import Any

from django import template

from hoso.people.models import Person
from hoso.quality import permissions
from hoso.quality.completeness import item_labels
from hoso.quality.models import CompletenessScore, Finding

register = template.Library()


@register.inclusion_tag("quality/includes/record_quality.html", takes_context=True)
def record_quality(context: dict[str, Any], person: Person) -> dict[str, Any]:
    """Nothing for readers who do not work on the record; otherwise two queries."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not permissions.can_view_person_quality(user, person):
        return {"quality": None}
    score = CompletenessScore.objects.filter(person=person).first()
    findings = list(Finding.objects.filter(person=person, resolved_at__isnull=True).order_by("rule", "key"))
    return {
        "quality": {
            "score": score,
            "missing": item_labels(score.missing) if score else [],
            "findings": findings,
        }
    }
