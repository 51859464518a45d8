"""Drop and create database NAME on the server of a PostgreSQL URL; print the URL pointing at it.

python scripts/fresh_database.py postgres://user:password@host:5432/any NAME
"""

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

url, name = sys.argv[1], sys.argv[2]
parts = urlsplit(url)
with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
    connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
print(urlunsplit(parts._replace(path=f"/{name}")))
