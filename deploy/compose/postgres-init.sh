#!/usr/bin/env bash
# First start of the compose PostgreSQL: one login role and one database per service.
#
# Each role owns only its database and CONNECT is revoked from PUBLIC, so a service
# cannot open another service's database. Passwords come from <SERVICE>_DB_PASSWORD
# (defaults: the role name, for local trials). Run by the postgres image's entrypoint
# from /docker-entrypoint-initdb.d, as the superuser over the local socket.
set -Eeuo pipefail

create_service_database() {
  local service="$1" password="$2"
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" \
    --dbname "${POSTGRES_DB:-postgres}" \
    --set service="$service" --set password="$password" <<'SQL'
CREATE ROLE :"service" LOGIN PASSWORD :'password';
CREATE DATABASE :"service" OWNER :"service";
REVOKE CONNECT, TEMPORARY ON DATABASE :"service" FROM PUBLIC;
SQL
}

create_service_database membership "${MEMBERSHIP_DB_PASSWORD:-membership}"
create_service_database events "${EVENTS_DB_PASSWORD:-events}"
create_service_database matching "${MATCHING_DB_PASSWORD:-matching}"
create_service_database notifications "${NOTIFICATIONS_DB_PASSWORD:-notifications}"
create_service_database collaboration "${COLLABORATION_DB_PASSWORD:-collaboration}"
