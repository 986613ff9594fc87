"""Settings for the test suite: fast hashing, in-memory e-mail, tasks run at once."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-key-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
# Tests read in English unless they choose a language; the site itself defaults to Kazakh
# (base.LANGUAGE_CODE), which biliktilik/core/tests/test_settings.py checks.
LANGUAGE_CODE = "en"
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
# django-axes stays on (the lockout tests need it); client.login() works too (tests/auth_backends.py).
AUTHENTICATION_BACKENDS = [
    "tests.auth_backends.TestClientAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
