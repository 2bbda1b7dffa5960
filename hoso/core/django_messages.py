"""Django's own messages that its Vietnamese catalog lacks or words badly, translated in hoso/core.

Listed with gettext_noop so that makemessages keeps them in this app's catalog, which takes
precedence over Django's (installed apps override the framework's translations).
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("- Select an option -"),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
]
