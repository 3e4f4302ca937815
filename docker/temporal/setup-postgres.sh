#!/bin/sh
# One-shot (temporalio/admin-tools): creates Temporal's two databases in the shared Postgres and
# brings their schemas to the version the server image expects. Safe to run on every `up`: an
# existing database is only updated.
set -eu

: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}" "${DB_PORT:=5432}"
export SQL_PASSWORD

echo "Waiting for Postgres at ${POSTGRES_SEEDS}:${DB_PORT}..."
until nc -z -w 5 "$POSTGRES_SEEDS" "$DB_PORT"; do sleep 1; done

sql() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" -p "$DB_PORT" --db "$@"; }

for db in temporal:temporal temporal_visibility:visibility; do
  name=${db%%:*}
  schema=${db#*:}
  if sql "$name" create; then
    sql "$name" setup-schema -v 0.0
  else
    echo "Database $name exists: updating its schema only"
  fi
  sql "$name" update-schema -d "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done
echo 'Temporal schema is up to date'
