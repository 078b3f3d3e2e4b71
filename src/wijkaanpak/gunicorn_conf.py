"""Gunicorn settings for the production server: ``gunicorn -c python:wijkaanpak.gunicorn_conf``.

PostgreSQL: each worker takes connections from its own psycopg pool (settings,
``DB_POOL_MAX_SIZE``), so at most ``GUNICORN_WORKERS x min(GUNICORN_THREADS, pool size)`` are
in use. Without a pool (SQLite, or ``DB_POOL_MAX_SIZE=0``) only this server keeps connections
open between requests (``DB_CONN_MAX_AGE``, default 60 s here): a fixed set of workers x
threads. The development server (one thread per request) and the tests open one connection per
request (settings default 0).
"""

import os

os.environ.setdefault("DB_CONN_MAX_AGE", "60")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")

wsgi_app = "wijkaanpak.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
