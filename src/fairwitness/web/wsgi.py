"""WSGI entry point (waitress serves this in ``fairwitness serve``)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairwitness.web.settings")
application = get_wsgi_application()
