#!/bin/sh
# Runs once, when the Postgres volume is first initialised (/docker-entrypoint-initdb.d): the
# desk's own database and role next to Temporal's databases (one instance, separate databases).
set -eu
: "${DESK_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v desk_password="$DESK_DB_PASSWORD" <<'SQL'
CREATE ROLE desk LOGIN PASSWORD :'desk_password';
CREATE DATABASE desk OWNER desk;
SQL
