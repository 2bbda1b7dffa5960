"""Request middleware of the project."""

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import check_for_language


class DefaultLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language, whatever language the browser asks for.

    Django's LocaleMiddleware follows the browser's Accept-Language header, so an officer whose
    browser is set to English would get English pages. Here only the language cookie set by the
    language switch (`set_language`) counts; without it, LANGUAGE_CODE applies. API clients
    choose with Accept-Language.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            # API clients say which language they read with Accept-Language (default: Vietnamese).
            super().process_request(request)
            return
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES) or not check_for_language(language):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
