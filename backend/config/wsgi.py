"""WSGI entry point: the production profile serves plain HTTP through WSGI workers."""

from django.core.wsgi import get_wsgi_application

from config import local_state

local_state.configure()
application = get_wsgi_application()
