"""The document-type catalogue in the administration site (audited), and the checks of the settings."""

import pytest
from django.urls import reverse

from hoso.accounts.models import User
from hoso.audit.enums import AuditAction
from hoso.audit.models import AuditEntry
from hoso.documents.checks import check_required_documents
from hoso.documents.models import DocumentType

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


def test_the_administrator_edits_a_type_and_it_is_audited(client):
    admin = User.objects.create_user("snv", password="x", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse("admin:documents_documenttype_changelist")).status_code == 200
    salary = DocumentType.objects.get(code="SALARY")
    response = client.post(
        reverse("admin:documents_documenttype_change", args=[salary.pk]),
        {
            "code": "SALARY",
            "name": "Quyết định nâng bậc lương",
            "group": "c",
            "parts": '["salary", "salary_history"]',
            "position": 120,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    salary.refresh_from_db()
    assert salary.name == "Quyết định nâng bậc lương"
    assert AuditEntry.objects.filter(action=AuditAction.CATALOG_CHANGED).exists()
    bad = client.post(
        reverse("admin:documents_documenttype_change", args=[salary.pk]),
        {"code": "SALARY", "name": "x", "group": "c", "parts": '["nonsense"]', "position": 1, "is_active": "on"},
    )
    assert bad.status_code == 200 and "salary" in bad.content.decode()


def test_the_settings_are_checked(settings):
    assert check_required_documents() == []
    settings.HOSO_REQUIRED_DOCUMENTS = {"salaries": ["SALARY"], "health": "SALARY"}
    assert [error.id for error in check_required_documents()] == ["documents.E002", "documents.E003"]
