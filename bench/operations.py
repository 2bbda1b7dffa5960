"""The operations of issue 4, each as hoso does it and, for reads, as hand-written SQL gives the same answer.

Runs inside a Django process with the bench settings (see bench/measure.py). hoso's side goes through the
product's own code: the selectors, the views through Django's test client (middleware, templates, the audit
entry of every search and record view), the API with a bearer token, the services of change sets. The floor
is plain SQL on the same connection returning what the page or call needs (the columns a list shows, the
version's snapshot), and only its answer is compared.
"""

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.approval import BATCH as APPROVAL_BATCH
from bench.approval import approval_operations
from bench.timing import Operation
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.api.auth import issue_token
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.catalogs.models import CatalogItem
from hoso.core.crypto import blind_index
from hoso.core.text import fold
from hoso.organisations.models import JobPosition, OrgUnit
from hoso.people import services
from hoso.people.models import Person, RecordVersion
from hoso.people.selectors import (
    LIST_PREFETCHED,
    LIST_RELATED,
    SORTS,
    StaffFilter,
    people_for,
    search_filter,
    staff_list,
)
from hoso.reports.enums import AGE_BAND_LIMITS, NOT_RECORDED, AgeBand, Dimension
from hoso.reports.selectors import CATALOG_DIMENSIONS, head_counts, years_before

PAGE = settings.HOSO_PAGE_SIZE
PERSON = Person._meta.db_table
UNIT = OrgUnit._meta.db_table
CATALOG = CatalogItem._meta.db_table
POSITION = JobPosition._meta.db_table
VERSION = RecordVersion._meta.db_table
UID_LINK = re.compile(r'class="people-name"><a href="/people/([0-9a-f-]{36})/"')
COUNT = re.compile(r'<span class="hoso-count">(\d+)</span>')
VERSION_NUMBER = re.compile(r'<span class="people-version-number">(\d+)</span>')
CONTENT_HASH = re.compile(r'title="SHA-256 ([0-9a-f]{64})"')
CHANGE_GROUP = "positions"
WRITE_POOL = 200  # distinct records the change-set operations cycle through


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _uid(value: Any) -> str:
    """A UUID as the ORM gives it, from either database's raw column (SQLite stores 32 hex digits)."""
    text = str(value).replace("-", "")
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def in_subtree(column: str, path: str) -> tuple[str, list[Any]]:
    """`column` is a unit of the subtree at `path`. PostgreSQL gets `= ANY(ARRAY(subquery))`, which its planner
    answers from the column's index even inside an OR (`IN (subquery) OR …` makes it test every row); SQLite
    does as well with IN (its MULTI-INDEX OR)."""
    subtree = f"SELECT u.id FROM {UNIT} u WHERE u.path LIKE %s"
    if connection.vendor == "postgresql":
        return f"{column} = ANY(ARRAY({subtree}))", [path + "%"]
    return f"{column} IN ({subtree})", [path + "%"]


# --- the scope of a user, written by hand ---------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The records a user may see, as SQL: their units' subtrees (employing or managing unit) and their own."""

    unit_path: str | None  # None: the whole province
    account_id: int

    def where(self, alias: str = "p") -> tuple[str, list[Any]]:
        if self.unit_path is None:
            return "1 = 1", []
        employed, employed_params = in_subtree(f"{alias}.employing_unit_id", self.unit_path)
        managed, managed_params = in_subtree(f"{alias}.managing_unit_id", self.unit_path)
        return f"({employed} OR {managed} OR {alias}.account_id = %s)", [
            *employed_params,
            *managed_params,
            self.account_id,
        ]


# --- the people, accounts and values every operation uses ------------------------------------------


@dataclass
class Context:
    officer: User
    head: User
    admin: User
    unit: OrgUnit  # unit A, the officer's
    small_unit: OrgUnit  # a unit of A's subtree with fewer than a page of people
    subject: Person  # the record shown, in unit A
    name_query: str  # a name typed without diacritics
    id_query: str  # all 12 digits of the subject's ID number
    writable: list[Person]  # records of unit A the change-set operations write to
    officer_web: Client
    officer_token: str

    def scope(self, user: User) -> Scope:
        if user.is_superuser or user.pk == self.admin.pk:
            return Scope(None, user.pk)
        return Scope(self.unit.path, user.pk)


def build_context() -> Context:
    officer = User.objects.select_related("unit").get(username="officer")
    head = User.objects.get(username="head")
    admin = User.objects.get(username="admin")
    unit = officer.unit
    assert unit is not None  # noqa: S101 - the demo's officer belongs to unit A
    in_unit = Person.objects.filter(employing_unit__path__startswith=unit.path, account__isnull=True).order_by("id")
    total = in_unit.count()
    subject = in_unit[total // 2]
    words = fold(subject.full_name).split()
    small_unit = _small_unit(unit)
    web = Client()
    web.force_login(officer)
    token, _ = issue_token(user=officer)
    return Context(
        officer=officer,
        head=head,
        admin=admin,
        unit=unit,
        small_unit=small_unit,
        subject=subject,
        name_query=f"{words[0]} {words[-1]}",
        id_query=subject.citizen_id,
        writable=list(in_unit[: min(WRITE_POOL, total)]),
        officer_web=web,
        officer_token=token,
    )


def _small_unit(unit: OrgUnit) -> OrgUnit:
    """The unit of A's subtree with the fewest people (at least one), to compare query counts against."""
    candidates = []
    for candidate in OrgUnit.objects.filter(path__startswith=unit.path):
        people = Person.objects.filter(employing_unit__path__startswith=candidate.path).count()
        if 0 < people < PAGE:
            candidates.append((people, candidate.path, candidate))
    return min(candidates, key=lambda item: item[:2])[2] if candidates else unit


# --- search (selector level: the list's queries, the masked numbers it shows, the audit entry) -------


def _page_answer(people: QuerySet[Person]) -> tuple[int, list[str]]:
    page = Paginator(people, PAGE).get_page(1)
    rows = list(page.object_list)
    for person in rows:  # what the list shows of each row, decrypting the ID number to mask it
        _ = (person.employing_unit.name, person.citizen_id[-3:])
    return page.paginator.count, [str(person.uid) for person in rows]


def search(user: User, query: str) -> tuple[int, list[str]]:
    """A search as the staff list does it: the first page, the total, and the audit entry of the search."""
    answer = _page_answer(staff_list(user, StaffFilter(query=query)))
    record_event(AuditAction.SEARCH, actor=user, detail={"query": query[:100], "results": answer[0]})
    return answer


def _search_condition(query: str) -> tuple[str, list[Any]]:
    digits = re.sub(r"[\s.\-]", "", query)
    if digits.isdigit() and len(digits) >= 3:
        return "p.citizen_id_index = %s", [blind_index(digits)]
    words = fold(query).split()
    return " AND ".join(["p.search_text LIKE %s"] * len(words)), [f"%{word}%" for word in words]


def list_sql(conditions: list[tuple[str, list[Any]]]) -> tuple[int, list[str]]:
    """The total and the first page of a staff list, with every column the list shows, in two statements."""
    where = " AND ".join(f"({sql})" for sql, _ in conditions) or "1 = 1"
    params = [param for _, values in conditions for param in values]
    (total,) = _fetch(f"SELECT COUNT(*) FROM {PERSON} p WHERE {where}", params)[0]
    rows = _fetch(
        f"""SELECT p.uid, p.full_name, p.date_of_birth, p.date_of_birth_precision, p.citizen_id, u.name,
                   k.name, r.name, s.name
              FROM {PERSON} p
              JOIN {UNIT} u ON u.id = p.employing_unit_id
              LEFT JOIN {CATALOG} k ON k.id = p.staff_kind_id
              LEFT JOIN {CATALOG} r ON r.id = p.rank_id
              LEFT JOIN {CATALOG} s ON s.id = p.employment_status_id
             WHERE {where}
             ORDER BY p.name_sort_key, p.id
             LIMIT {PAGE}""",
        params,
    )
    return total, [_uid(row[0]) for row in rows]


def search_floor(context: Context, user: User, query: str) -> tuple[int, list[str]]:
    return list_sql([context.scope(user).where(), _search_condition(query)])


# --- pages over HTTP ------------------------------------------------------------------------------


def _get(client: Client, path: str, **headers: Any) -> Any:
    response = client.get(path, **headers)
    if response.status_code != 200:
        raise AssertionError(f"GET {path} answered {response.status_code}, not 200")
    return response


def staff_list_page(context: Context, unit: OrgUnit) -> tuple[int, list[str]]:
    html = _get(context.officer_web, f"/people/?unit={unit.uid}").content.decode()
    count = COUNT.search(html)
    return int(count.group(1)) if count else -1, UID_LINK.findall(html)


def staff_list_page_floor(context: Context, unit: OrgUnit) -> tuple[int, list[str]]:
    return list_sql([context.scope(context.officer).where(), in_subtree("p.employing_unit_id", unit.path)])


def record_page(context: Context) -> tuple[int, str]:
    html = _get(context.officer_web, f"/people/{context.subject.uid}/").content.decode()
    number, digest = VERSION_NUMBER.search(html), CONTENT_HASH.search(html)
    return (int(number.group(1)) if number else -1, digest.group(1) if digest else "")


def api_person_detail(context: Context) -> tuple[int, str]:
    response = _get(
        context.officer_web,
        f"/api/v1/people/{context.subject.uid}",
        HTTP_AUTHORIZATION=f"Bearer {context.officer_token}",
    )
    data = json.loads(response.content)
    return data["version"], data["content_hash"]


def record_floor(context: Context) -> tuple[int, str]:
    """The record in scope and its current version's snapshot (the page's content), in one statement."""
    where, params = context.scope(context.officer).where()
    uid = context.subject.uid if connection.features.has_native_uuid_field else context.subject.uid.hex
    rows = _fetch(
        f"""SELECT v.number, v.content_hash, v.snapshot, p.full_name, u.name
              FROM {PERSON} p
              JOIN {UNIT} u ON u.id = p.employing_unit_id
              JOIN {VERSION} v ON v.person_id = p.id AND v.number = p.current_version
             WHERE p.uid = %s AND {where}""",
        [uid, *params],
    )
    return (rows[0][0], rows[0][1]) if rows else (-1, "")


# --- province statistics ---------------------------------------------------------------------------

StatisticsAnswer = dict[str, dict[tuple[int, str], int]]


def statistics(user: User, as_of: datetime.date) -> StatisticsAnswer:
    counts = head_counts(user, as_of=as_of)
    answer: StatisticsAnswer = {}
    for dimension, units in counts.by_unit.items():
        answer[dimension] = {(unit_id, key): n for unit_id, keys in units.items() for key, n in keys.items()}
    for dimension, keys in counts.total.items():  # the province's totals must add up to the units'
        summed: dict[str, int] = {}
        for (_, key), n in answer[dimension].items():
            summed[key] = summed.get(key, 0) + n
        if summed != keys:
            raise AssertionError(f"{dimension}: the province's totals are not the sum of its units")
    return answer


def statistics_floor(as_of: datetime.date) -> StatisticsAnswer:
    """The same head counts for the whole province: one GROUP BY per dimension, codes joined in."""
    answer: StatisticsAnswer = {}
    column_of = {dimension: column for dimension, column in CATALOG_DIMENSIONS.items()}
    for dimension in Dimension:
        params: list[Any] = []
        if dimension in column_of:
            key = "c.code"
            join = f"LEFT JOIN {CATALOG} c ON c.id = p.{column_of[dimension]}"
        elif dimension == Dimension.JOB_POSITION:
            key, join = "j.category", f"LEFT JOIN {POSITION} j ON j.id = p.job_position_id"
        elif dimension == Dimension.SEX:
            key, join = "p.gender", ""
        else:
            whens = []
            for band, oldest in AGE_BAND_LIMITS:
                whens.append(f"WHEN p.date_of_birth > %s THEN '{band.value}'")
                params.append(connection.ops.adapt_datefield_value(years_before(as_of, oldest + 1)))
            key, join = f"CASE {' '.join(whens)} ELSE '{AgeBand.OVER_60.value}' END", ""
        rows = _fetch(
            f"SELECT p.employing_unit_id, {key} AS k, COUNT(*) FROM {PERSON} p {join} GROUP BY p.employing_unit_id, k",
            params,
        )
        answer[dimension.value] = {(unit_id, value or NOT_RECORDED): n for unit_id, value, n in rows}
    return answer


# --- change sets -----------------------------------------------------------------------------------


def change_set_create(context: Context, person: Person, index: int) -> None:
    """The officer opens a change set on a record and changes one item of the form in it."""
    change_set = services.start_change_set(person=person, acting_user=context.officer, title=f"bench {index}")
    services.update_person_group(
        change_set=change_set,
        group_key=CHANGE_GROUP,
        data={"work_strengths": f"Tổng hợp, phân tích số liệu (bench {index})"},
        acting_user=context.officer,
        partial=True,
    )


def prepared_change_set(context: Context, index: int) -> Any:
    """A change set ready to apply, on a fresh copy of its record (outside the timing)."""
    person = context.writable[index % len(context.writable)]
    person.refresh_from_db()
    change_set = services.start_change_set(person=person, acting_user=context.officer, title=f"bench {index}")
    return services.update_person_group(
        change_set=change_set,
        group_key=CHANGE_GROUP,
        data={"work_strengths": f"Điều phối, hướng dẫn nghiệp vụ (bench {index})"},
        acting_user=context.officer,
        partial=True,
    )


def change_set_apply(context: Context, change_set: Any) -> int:
    version = services.apply_change_set(change_set=change_set, acting_user=context.head)
    return version.number


# --- the policy's cost (issue 3): the officer's list and search with and without the scope -----------


def unscoped_list(query: str = "") -> tuple[int, list[str]]:
    people = Person.objects.all()
    if query:
        people = people.filter(search_filter(query))
    return _page_answer(
        people.select_related(*LIST_RELATED).prefetch_related(*LIST_PREFETCHED).order_by(*SORTS["name"])
    )


def scoped_list(user: User, query: str = "") -> tuple[int, list[str]]:
    return _page_answer(staff_list(user, StaffFilter(query=query)))


# --- the list of operations ------------------------------------------------------------------------


NATIONAL = 1_000_000  # people: from this size on, the national-scale targets of issue 4 apply
TARGETS: dict[str, dict[str, float]] = {  # issue 4, at 100,000 people
    "search": {"target_ms": 50},
    "staff_list_page": {"target_ms": 50},
    "record_page": {"target_ms": 60, "target_queries": 15},
    "api_person_detail": {"target_ms": 40},
    "province_statistics": {"target_ms": 1000, "target_ratio": 1.5},
    "change_set": {"target_ms": 50},
}
NATIONAL_TARGETS: dict[str, dict[str, float]] = {  # issue 4, at 1,000,000 people (PostgreSQL)
    "search": {"target_ms": 150},
    "province_statistics": {"target_ms": 10_000},
}


def targets(kind: str, people: int) -> dict[str, Any]:
    return dict((NATIONAL_TARGETS if people >= NATIONAL else TARGETS).get(kind, {}))


def search_operation(
    context: Context, name: str, user: User, query: str, what: str, runs: int, people: int
) -> Operation:
    return Operation(
        name,
        run=lambda _: search(user, query),
        floor=lambda _: search_floor(context, user, query),
        runs=runs,
        **targets("search", people),
        note=f"{what}; count + first page + audit entry",
    )


def operations(
    context: Context,
    *,
    runs: int,
    people: int,
    approval_batch: int = APPROVAL_BATCH,
    approval_runs: int = 1,
    keys_dir: Path | None = None,
) -> list[Operation]:
    officer, admin = context.officer, context.admin
    as_of = timezone.localdate()
    slow_runs = max(5, runs // 4)
    page_queries = {
        "queries_50_rows": _queries_of(lambda: staff_list_page(context, context.unit)),
        "queries_few_rows": _queries_of(lambda: staff_list_page(context, context.small_unit)),
    }
    page_queries["queries_constant"] = page_queries["queries_50_rows"] == page_queries["queries_few_rows"]
    searches = [
        ("name", context.name_query, f"name without diacritics ({context.name_query!r})"),
        ("id", context.id_query, "all 12 digits of an ID number (blind index)"),
    ]
    ops = [
        search_operation(context, f"search_{kind}_{who}", user, query, f"{what}, {who}'s scope", runs, people)
        for kind, query, what in searches
        for who, user in (("officer", officer), ("admin", admin))
    ]
    ops += [
        Operation(
            "staff_list_page",
            run=lambda _: staff_list_page(context, context.unit),
            floor=lambda _: staff_list_page_floor(context, context.unit),
            runs=runs,
            **targets("staff_list_page", people),
            note="`GET /people/?unit=<unit A>` as its officer (HTTP, 50 rows, Vietnamese name order)",
            extra=page_queries,
        ),
        Operation(
            "record_page",
            run=lambda _: record_page(context),
            floor=lambda _: record_floor(context),
            runs=runs,
            **targets("record_page", people),
            note="`GET /people/<uid>/` as unit A's officer (HTTP): the full record of the current version + audit entry",
        ),
        Operation(
            "api_person_detail",
            run=lambda _: api_person_detail(context),
            floor=lambda _: record_floor(context),
            runs=runs,
            **targets("api_person_detail", people),
            note="`GET /api/v1/people/<uid>` with a bearer token (HTTP) + audit entry",
        ),
        Operation(
            "province_statistics",
            run=lambda _: statistics(admin, as_of),
            floor=lambda _: statistics_floor(as_of),
            runs=slow_runs,
            **targets("province_statistics", people),
            note="head counts by kind of staff, rank or title, job position group, sex, age band, ethnicity, "
            "qualification; per unit and for the province (hoso.reports.selectors.head_counts, as admin)",
        ),
        Operation(
            "change_set_create",
            run=lambda index: change_set_create(context, *index),
            setup=lambda index: (context.writable[index % len(context.writable)], index),
            runs=runs,
            **targets("change_set", people),
            note="start_change_set + update_person_group(partial=True), as unit A's officer",
        ),
        Operation(
            "change_set_apply",
            run=lambda change_set: change_set_apply(context, change_set),
            setup=lambda index: prepared_change_set(context, index),
            runs=runs,
            **targets("change_set", people),
            note="apply_change_set as unit A's head: validation, live rows, new version, audit entry",
        ),
        Operation(
            "policy_staff_list_officer",
            run=lambda _: scoped_list(officer),
            floor=lambda _: list_sql([context.scope(officer).where()]),
            runs=runs,
            note="the officer's whole list (first page + total) through the access policy",
        ),
        Operation(
            "policy_staff_list_unscoped",
            run=lambda _: unscoped_list(),
            floor=lambda _: list_sql([]),
            runs=runs,
            note="the same list on Person.objects.all(), restricted to nothing (what the policy costs)",
        ),
        Operation(
            "policy_search_officer",
            run=lambda _: scoped_list(officer, context.name_query),
            floor=lambda _: search_floor(context, officer, context.name_query),
            runs=runs,
            note="the officer's name search (first page + total, no audit entry) through the access policy",
        ),
        Operation(
            "policy_search_unscoped",
            run=lambda _: unscoped_list(context.name_query),
            floor=lambda _: list_sql([_search_condition(context.name_query)]),
            runs=runs,
            note="the same search on Person.objects.all(), restricted to nothing",
        ),
    ]
    ops += approval_operations(  # issue 5: batch approval with signatures, and their verification
        officer=officer,
        head=context.head,
        unit_path=context.unit.path,
        batch=approval_batch,
        runs=approval_runs,
        keys_dir=str(keys_dir or Path(settings.BASE_DIR) / "var" / "bench" / "keys"),
    )
    return ops


def _queries_of(function: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


def scope_sizes(context: Context) -> dict[str, int]:
    """How many records each persona's scope holds (for the results)."""
    return {
        "officer_scope": people_for(context.officer, Capability.VIEW_RECORD).count(),
        "province": Person.objects.count(),
        "unit_a_subtree": Person.objects.filter(employing_unit__path__startswith=context.unit.path).count(),
    }
