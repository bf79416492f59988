"""The WSGI application for any WSGI server: `waitress-serve server:app`, `gunicorn server:app`."""

from iucgraph.web import create_app

app = create_app()
