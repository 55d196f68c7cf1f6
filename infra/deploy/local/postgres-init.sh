#!/bin/sh
# The `local` profile's PostgreSQL, on its first start (docker-entrypoint-initdb.d): the roles a
# production database administrator creates once (infra/deploy/README.md). The owner is
# POSTGRES_USER (DATABASE_ADMIN_URL); the apps connect as ecvet_app (DATABASE_URL), a member of
# ecvet_writer, which the migrations grant what the apps may do.
set -eu
if [ -z "${ECVET_APP_DB_PASSWORD:-}" ]; then
  echo "postgres-init: set LOCAL_APP_DB_PASSWORD in .env" >&2
  exit 1
fi
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$ECVET_APP_DB_PASSWORD" <<'SQL'
CREATE ROLE ecvet_writer NOLOGIN;
CREATE ROLE ecvet_app LOGIN PASSWORD :'app_password' IN ROLE ecvet_writer;
SQL
