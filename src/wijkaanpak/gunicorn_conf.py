"""Gunicorn settings for the production server: ``gunicorn -c python:wijkaanpak.gunicorn_conf``.

Only this server keeps database connections open between requests (``DB_CONN_MAX_AGE``, 60 s
here), without psycopg's pool (``DB_POOL_MAX_SIZE=0`` here): a fixed set of workers x threads,
so at most ``GUNICORN_WORKERS x GUNICORN_THREADS`` connections per server, and no pool
round trip per request (in the load test the pool cost about a third of the votes per second).
Everywhere else (the development server starts a thread per request, the tests) a connection
lives for one request, or comes from psycopg's pool when ``DB_POOL_MAX_SIZE`` is set.
"""

import os

os.environ.setdefault("DB_CONN_MAX_AGE", "60")
os.environ.setdefault("DB_POOL_MAX_SIZE", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")

wsgi_app = "wijkaanpak.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
