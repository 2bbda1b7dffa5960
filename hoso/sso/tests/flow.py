"""The browser's part of the sign-in: hoso's test client for hoso, `requests` for the provider."""

from urllib.parse import urlsplit

import requests
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse


def go_to_provider(client: Client, next_url: str = "") -> str:
    """Press the button: hoso answers with a redirect to the provider's authorization endpoint."""
    response = client.get(reverse("sso:login"), {"next": next_url} if next_url else {})
    assert response.status_code == 302, response
    return str(response["Location"])


def provider_answer(authorize_url: str) -> str:
    """The browser at the provider: it consents automatically and redirects back with a code."""
    answer = requests.get(authorize_url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return str(answer.headers["Location"])


def come_back(client: Client, callback_url: str) -> HttpResponse:
    """The browser follows the provider's redirect back to hoso's callback."""
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def sign_in(client: Client, next_url: str = "") -> HttpResponse:
    return come_back(client, provider_answer(go_to_provider(client, next_url)))
