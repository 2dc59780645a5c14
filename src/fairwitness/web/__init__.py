"""The Django project: settings, URLs, WSGI/ASGI entry points and the API instance."""
