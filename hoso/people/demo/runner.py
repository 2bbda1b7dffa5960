"""Build (or rebuild) the demo province: phases, timings, accounts and the list of planted problems."""

import datetime
import itertools
import json
import os
import random
import secrets
import time
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model, PositiveIntegerField, ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext
from tqdm import tqdm

from hoso.accounts.models import Role as AccessRole
from hoso.accounts.models import RoleAssignment, UnitAccountHolder, User
from hoso.audit.models import AuditEntry
from hoso.core.crypto import blind_index, encrypt_text
from hoso.organisations.enums import OrgUnitKind
from hoso.organisations.models import JobPosition, OrgUnit, OrgUnitEvent, StaffingQuota
from hoso.people.demo.catalogs import DemoCatalogs
from hoso.people.demo.people import PROBLEMS, DemoRandom, PeopleGenerator, PersonRecord, Role
from hoso.people.demo.pipeline import Drawn, draw, draw_in_producer
from hoso.people.demo.units import ROOT_AGENCY_CODE, ROOT_NAME, PlannedUnit, UnitPlan, create_units, plan_units
from hoso.people.demo.writer import (
    KeyMaps,
    TableWriter,
    db_datetime,
    next_id,
    reset_sequences,
)
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.sections import SECTIONS, person_field_names, section_models
from hoso.people.services import create_initial_versions, refresh_derived_fields

DEMO_USERNAMES = ("admin", "unit_admin", "officer", "head", "employee", "officer_b", "expired")
HOME_DEPARTMENT = "Sở Nội vụ"
VERSIONS_EFFECTIVE_AT = datetime.datetime(2026, 11, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
CHUNK = 5000
PRODUCER_FROM = 20_000  # people: below this, drawing in a second process is not worth its start-up
SQLITE_CACHE_KIB = 1_000_000  # page cache for the run: the indexes of millions of rows stay in memory
PROBLEM_SHARE = 0.005


class DemoRefused(Exception):
    """The demo cannot run on this database as asked; the message says why and what to do."""


@dataclass
class DemoOptions:
    people: int
    seed: int
    password: str = ""
    reset: bool = False
    if_empty: bool = False
    units: int = 0
    problems_file: Path | None = None
    versions: str = "direct"  # "direct": written with the rows; "service": services.create_initial_versions
    jobs: int = -1  # 0: draw in this process; 1: in a producer process; -1: decide by size and cores
    progress: bool = False


@dataclass
class DemoResult:
    skipped: bool = False
    people: int = 0
    units: int = 0
    rows: int = 0
    password: str = ""
    password_generated: bool = False
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # (username, role, full name)
    problems: list[dict[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)


class _Timer:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started


@contextmanager
def _long_transaction() -> Iterator[None]:
    """A transaction for bulk writes and deletes.

    On PostgreSQL it lifts the web workers' statement timeout and, where the server has lz4,
    compresses the large snapshots with it: half the time of pglz, for 5 % more space. Both
    settings are LOCAL: they end with the transaction; readers need nothing.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = 0")
                cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
                row = cursor.fetchone()
                if row and row[0]:
                    cursor.execute("SET LOCAL default_toast_compression = 'lz4'")
        yield


def demo_units() -> Any:
    """The units of the demo tree(s): every unit under a root that is the demo province."""
    paths = list(
        OrgUnit.objects.filter(
            parent__isnull=True,
            kind=OrgUnitKind.PROVINCIAL_COMMITTEE,
            agency_code=ROOT_AGENCY_CODE,
            name=ROOT_NAME,
        ).values_list("path", flat=True)
    )
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(path__startswith=path) if path else Q(pk__in=[])
    return OrgUnit.objects.filter(query)


def delete_demo() -> dict[str, int]:
    """Delete the demo province: its people with their rows, versions and change sets, units, accounts."""
    deleted: dict[str, int] = {}
    with _long_transaction():
        units = demo_units()
        unit_ids = list(units.values_list("pk", flat=True))
        people = Person.objects.filter(Q(employing_unit__in=unit_ids) | Q(managing_unit__in=unit_ids))
        person_ids = people.values("pk")
        if AuditEntry.objects.filter(
            Q(unit__in=unit_ids)
            | Q(actor_unit__in=unit_ids)
            | Q(person__in=person_ids)
            | Q(actor__username__in=DEMO_USERNAMES)
        ).exists():
            raise DemoRefused(
                "The audit log, which is append-only, records use of the demo province, so it cannot be deleted; "
                "start again on a new database."
            )
        deleted["versions"] = RecordVersion.objects.filter(
            Q(person__in=person_ids) | Q(change_set__unit__in=unit_ids)
        ).delete()[0]
        change_sets = ChangeSet.objects.filter(Q(person__in=person_ids) | Q(unit__in=unit_ids))
        # What the approval demo added (hoso/approvals/demo.py): documents of the pending change sets, certificates.
        apps.get_model("documents", "SupportingDocument").objects.filter(change_set__in=change_sets).delete()
        apps.get_model("signing", "SigningCredential").objects.filter(user__username__in=DEMO_USERNAMES).delete()
        deleted["change sets"] = change_sets.delete()[0]
        rows = 0
        for model in section_models():
            rows += model._default_manager.filter(person__in=person_ids).delete()[0]
        deleted["section rows"] = rows
        deleted["people"] = _delete_people(people)
        deleted["accounts"] = (
            User.objects.filter(username__in=DEMO_USERNAMES)
            .filter(Q(unit__in=unit_ids) | Q(unit__isnull=True))
            .delete()[0]
        )
        OrgUnitEvent.objects.filter(
            Q(unit__in=unit_ids) | Q(old_parent__in=unit_ids) | Q(new_parent__in=unit_ids) | Q(successor__in=unit_ids)
        ).delete()
        StaffingQuota.objects.filter(unit__in=unit_ids).delete()
        JobPosition.objects.filter(unit__in=unit_ids).delete()
        OrgUnit.objects.filter(pk__in=unit_ids).update(parent=None, successor=None)
        try:
            deleted["units"] = OrgUnit.objects.filter(pk__in=unit_ids).delete()[0]
        except ProtectedError as error:
            names = sorted({str(obj) for obj in error.protected_objects})[:5]
            raise DemoRefused(
                "Other data still refers to the demo units (" + ", ".join(names) + "); remove it first."
            ) from error
    return deleted


def _delete_people(people: Any) -> int:
    """Delete people whose versions, change sets and section rows are already gone, in one statement.

    Django's collector would load every person and look up each related table in small batches
    (minutes for 100,000 people); the database's foreign keys still refuse the delete if any other
    row refers to one of them.
    """
    count = people.count()
    ids_sql, ids_params = people.values("pk").query.sql_with_params()
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({ids_sql})", ids_params)  # noqa: S608
    return int(count)


def run_demo(options: DemoOptions, out: Callable[[str], None]) -> DemoResult:
    """Generate the demo province as `options` say; refuses (DemoRefused) on a database with people."""
    result = DemoResult()
    timer = _Timer(result.timings)
    started = time.perf_counter()
    if options.people < 2:
        raise DemoRefused("The demo needs at least 2 people (the head and the employee of the demo department).")
    existing = Person.objects.count()
    if existing and options.if_empty:
        out(f"The database already has {existing} personnel records: the demo is already there, nothing to do.")
        result.skipped = True
        return result
    if existing and not options.reset:
        raise DemoRefused(
            f"The database already has {existing} personnel records. Run with --reset to delete the demo "
            "province and build it again, or with --if-empty to leave an existing database alone."
        )
    if options.reset or demo_units().exists():
        with timer.phase("reset"):
            result.deleted = delete_demo()
    taken = list(User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True))
    if taken:
        raise DemoRefused(
            f"The account(s) {', '.join(sorted(taken))} already exist outside the demo province; "
            "rename or delete them first."
        )

    rng = DemoRandom(options.seed)
    with _bigger_sqlite_cache():
        _generate(options, rng, result, timer, out)
    result.timings["total"] = time.perf_counter() - started
    return result


@contextmanager
def _bigger_sqlite_cache() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _generate(
    options: DemoOptions, rng: DemoRandom, result: DemoResult, timer: _Timer, out: Callable[[str], None]
) -> None:
    with timer.phase("catalogs"):
        catalogs = DemoCatalogs()
    with timer.phase("units"):
        plan = plan_units(options.people, rng, catalogs.communes, units=options.units)
        create_units(plan, catalogs, rng, people=options.people)
    result.units = len(plan.units)

    generator = PeopleGenerator(rng, catalogs, plan)
    home = plan.by_name(HOME_DEPARTMENT)
    roles = plan_people(plan, home, options.people, rng)
    password = options.password or secrets.token_urlsafe(9)
    result.password, result.password_generated = password, not options.password
    direct = options.versions == "direct"

    with timer.phase("generate"):
        first = list(draw(generator, roles[:2], chunk=2, with_versions=direct))
    head, employee = first[0][0][0], first[0][1][0]
    with timer.phase("accounts"), transaction.atomic():
        result.accounts = _create_accounts(home, _other_department(plan, home), head, employee, password, generator)

    writer = _RecordWriter(plan, catalogs, direct=direct)
    jobs = (
        options.jobs
        if options.jobs >= 0
        else (1 if options.people >= PRODUCER_FROM and (os.cpu_count() or 1) > 1 else 0)
    )
    source = draw_in_producer if jobs else draw
    chunks = itertools.chain(first, source(generator, roles[2:], chunk=CHUNK, with_versions=direct))
    progress = tqdm(total=options.people, unit=" people", disable=not options.progress, leave=False)
    while True:
        with timer.phase("generate" if not jobs else "wait for producer"):
            chunk = next(chunks, None)
        if chunk is None:
            break
        with _long_transaction():
            with timer.phase("write people"):
                person_ids = writer.write_people(chunk, result)
            with timer.phase("versions"):
                if direct:
                    writer.write_versions(chunk, person_ids)
                else:
                    create_initial_versions(person_ids, effective_at=VERSIONS_EFFECTIVE_AT)
        progress.update(len(chunk))
    progress.close()
    with timer.phase("write people"):
        reset_sequences(writer.models)

    if options.problems_file is not None:
        options.problems_file.parent.mkdir(parents=True, exist_ok=True)
        options.problems_file.write_text(
            json.dumps(
                {"seed": options.seed, "people": options.people, "problems": result.problems},
                ensure_ascii=False,
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )


class _RecordWriter:
    """Writes drawn records: the person, every section's rows and version 1, with explicit ids."""

    def __init__(self, plan: UnitPlan, catalogs: DemoCatalogs, *, direct: bool) -> None:
        job_position_ids = {
            str(uid): pk
            for uid, pk in JobPosition.objects.filter(unit__in=[u.pk for u in plan.units]).values_list("uid", "pk")
        }
        keys = KeyMaps(catalogs=catalogs, units={u.uid: u.pk for u in plan.units}, job_positions=job_position_ids)
        self.person = TableWriter(
            Person,
            keys,
            extras=(
                "id",
                "uid",
                "created_at",
                "updated_at",
                "current_version",
                "search_text",
                "name_sort_key",
                "citizen_id_index",
                "account",
            ),
            present=person_field_names(),
        )
        self.ordered = {key: _has_row_order(spec.model) for key, spec in SECTIONS.items()}
        self.sections = {
            key: TableWriter(
                spec.model,
                keys,
                extras=("id", "person", "position") if self.ordered[key] else ("id", "person"),
                present=["uid", *spec.field_names],
                fixed=spec.fixed,
            )
            for key, spec in SECTIONS.items()
        }
        self.section_models = {key: spec.model for key, spec in SECTIONS.items()}
        self.version = TableWriter(
            RecordVersion,
            keys,
            extras=("id", "person", "number", "snapshot", "content_hash", "effective_at", "created_at", "summary"),
        )
        self.models: list[type[Model]] = [Person, RecordVersion, *section_models()]
        self.ids = {model: next_id(model) for model in self.models}
        self.now = db_datetime(timezone.now())
        self.effective_at = db_datetime(VERSIONS_EFFECTIVE_AT)
        self.summary = gettext("First version")
        self.current_version = 1 if direct else 0
        self.native_uuid = connection.features.has_native_uuid_field

    def write_people(self, chunk: list[Drawn], result: DemoResult) -> list[int]:
        ids = self.ids
        person_ids: list[int] = []
        for record, _, _ in chunk:
            person_id = ids[Person]
            ids[Person] += 1
            person_ids.append(person_id)
            person = record.person
            derived = _derived_columns(person)
            self.person.add(
                person,
                person_id,
                record.uid if self.native_uuid else record.uid.replace("-", ""),
                self.now,
                self.now,
                self.current_version,
                derived.search_text,
                derived.name_sort_key,
                blind_index(person["citizen_id"]),
                record.account_id,
            )
            for key, rows in record.sections.items():
                if not rows:
                    continue
                writer = self.sections[key]
                model = self.section_models[key]
                first = ids[model]
                ids[model] += len(rows)
                if self.ordered[key]:
                    for position, row in enumerate(rows):
                        writer.add(row, first + position, person_id, position)
                else:
                    for position, row in enumerate(rows):
                        writer.add(row, first + position, person_id)
            if record.problem:
                result.problems.append(record.problem)
        self.person.flush()
        for writer in self.sections.values():
            result.rows += writer.flush()
        result.people += len(chunk)
        return person_ids

    def write_versions(self, chunk: list[Drawn], person_ids: list[int]) -> None:
        for person_id, (_, text, digest) in zip(person_ids, chunk, strict=True):
            self.version.add(
                {},
                self.ids[RecordVersion],
                person_id,
                1,
                encrypt_text(text),  # RecordVersion.snapshot is encrypted as a whole
                digest,
                self.effective_at,
                self.now,
                self.summary,
            )
            self.ids[RecordVersion] += 1
        self.version.flush()


def _derived_columns(person: dict[str, Any]) -> SimpleNamespace:
    """search_text and name_sort_key exactly as services.refresh_derived_fields sets them (the blind index of
    the ID number is written beside them, as BlindIndexField.pre_save would).

    It reads three attributes and writes two, so a namespace stands in for a Person: building a
    model instance (the defaults of 120 fields) would cost more than writing its row.
    """
    derived = SimpleNamespace(
        full_name=person["full_name"], other_names=person["other_names"], citizen_id=person["citizen_id"]
    )
    refresh_derived_fields(cast(Person, derived))
    return derived


def _has_row_order(model: type[Model]) -> bool:
    """Whether `position` is the row order of SectionRow (OrganisationMembership reuses the name)."""
    return isinstance(model._meta.get_field("position"), PositiveIntegerField)


def plan_people(plan: UnitPlan, home: PlannedUnit, people: int, rng: random.Random) -> list[tuple[PlannedUnit, Role]]:
    """Where each person works and what is decided before the draw: leaders, the two account holders, problems."""
    staffed = [unit for unit in plan.units if unit.weight > 0 and unit.profile]
    cumulative: list[float] = []
    total = 0.0
    for unit in staffed:
        total += unit.weight
        cumulative.append(total)
    placed = rng.choices(staffed, cum_weights=cumulative, k=max(0, people - 2))
    kinds = list(PROBLEMS)
    count = min(people - 2, max(min(len(kinds), people // 10), round(people * PROBLEM_SHARE)))
    chosen = rng.sample(range(2, people), count) if count > 0 else []
    problem_of = {index: kinds[n % len(kinds)] for n, index in enumerate(sorted(chosen))}

    head_leader = home.leaders[0]
    roles: list[tuple[PlannedUnit, Role]] = [
        (home, Role(leader=head_leader, staff_kind="CONG_CHUC", ladder="specialist", party=True)),
        (home, Role(staff_kind="CONG_CHUC", ladder="specialist", status="DANG_CONG_TAC")),
    ]
    leaders_given = {home.index: 1}
    for index, unit in enumerate(placed, start=2):
        problem = problem_of.get(index)
        role = Role(problem=problem)
        given = leaders_given.get(unit.index, 0)
        if problem is None and given < len(unit.leaders):
            role.leader = unit.leaders[given]
            leaders_given[unit.index] = given + 1
        roles.append((unit, role))
    return roles


def _other_department(plan: Any, home: PlannedUnit) -> PlannedUnit:
    """Unit B of the personas: another department of the province, whose officer must not see unit A."""
    return next(
        (unit for unit in plan.units if unit.name == "Sở Tài chính"),
        next(unit for unit in plan.units if unit.kind == OrgUnitKind.DEPARTMENT and unit.index != home.index),
    )


EXPIRED_ROLE = (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))


def _create_accounts(
    home: PlannedUnit,
    other: PlannedUnit,
    head: PersonRecord,
    employee: PersonRecord,
    password: str,
    generator: PeopleGenerator,
) -> list[tuple[str, str, str]]:
    """The accounts of the access matrix's personas (README, "Demo accounts"), all with the same password.

    Unit A is the home department (Sở Nội vụ), unit B another department. Rights come from role assignments, as
    in production: (username, description, full name, account fields, unit, [(role, unit or None, period)]).
    """
    always = (datetime.date(2025, 7, 1), None)
    specs: list[tuple[str, str, str, dict[str, Any], PlannedUnit | None, list[tuple[str, bool, Any]]]] = [
        (
            "admin",
            "province system administrator",
            "Quản trị hệ thống",
            {"kind": User.Kind.SYSTEM_ADMIN, "is_staff": True, "is_superuser": True},
            None,
            [("province-admin", False, always)],
        ),
        (
            "unit_admin",
            f"administrator of {home.name} (unit A)",
            generator.name(False),
            {"kind": User.Kind.UNIT_ADMIN},
            home,
            [("unit-admin", True, always)],
        ),
        (
            "officer",
            f"HR officer of {home.name} (unit A)",
            generator.name(True),
            {"kind": User.Kind.UNIT},
            home,
            [("officer", True, always)],
        ),
        (
            "head",
            f"{head.person['current_position']}, {home.name} (unit A)",
            head.person["full_name"],
            {"kind": User.Kind.PERSONAL},
            home,
            [("head", True, always)],
        ),
        (
            "employee",
            f"civil servant of {home.name} (unit A; sees their own record)",
            employee.person["full_name"],
            {"kind": User.Kind.PERSONAL},
            home,
            [],
        ),
        (
            "officer_b",
            f"HR officer of {other.name} (unit B)",
            generator.name(True),
            {"kind": User.Kind.UNIT},
            other,
            [("officer", True, always)],
        ),
        (
            "expired",
            f"officer of {home.name} whose role ended on 31/12/2025",
            generator.name(False),
            {"kind": User.Kind.UNIT},
            home,
            [("officer", True, EXPIRED_ROLE)],
        ),
    ]
    roles = {role.code: role for role in AccessRole.objects.all()}
    created: list[tuple[str, str, str]] = []
    hashed = make_password(password)  # one hash for every account: hashing is slow on purpose
    for username, description, full_name, extra, unit, grants in specs:
        unit_id = unit.pk if unit is not None else None
        user = User.objects.create_user(username=username, password=None, full_name=full_name, unit_id=unit_id, **extra)
        user.password = hashed
        user.save(update_fields=["password"])
        for code, on_unit, (valid_from, valid_to) in grants:
            RoleAssignment.objects.create(
                user=user,
                role=roles[code],
                unit_id=unit_id if on_unit else None,
                capabilities=list(roles[code].capabilities),
                valid_from=valid_from,
                valid_to=valid_to,
                decision_number="01/QĐ-SNV (demo)",
                decision_date=valid_from,
            )
        if user.kind == User.Kind.UNIT:  # a unit account is used by a named person (REQ-013)
            UnitAccountHolder.objects.create(
                account=user,
                holder_name=full_name,
                decision_number="02/QĐ-SNV (demo)",
                decision_date=datetime.date(2025, 7, 1),
                valid_from=datetime.date(2025, 7, 1),
            )
        if username == "head":
            head.account_id = user.pk
        elif username == "employee":
            employee.account_id = user.pk
        created.append((username, description, full_name))
    return created
