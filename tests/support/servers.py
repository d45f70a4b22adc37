"""The real Kafka broker and PostgreSQL server the tests run against, started by our scripts."""

import os
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kafka import KafkaAdminClient
from sqlalchemy import Engine, MetaData, create_engine, insert, select, text

from qplatform.db.migrate import upgrade
from qplatform.messaging.acl_tool import apply_grants, in_force, revoke_grants
from qplatform.messaging.acls import grants_under, platform_grants
from tests.support.principals import ADMIN, signed_in_as
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
BROKER_SCRIPT = ROOT / "deploy" / "kafka" / "broker.sh"
POSTGRES_SCRIPT = ROOT / "deploy" / "postgres" / "cluster.sh"
Seeds = dict[str, list[dict[str, Any]]]
TEST_KAFKA_PORT = int(os.environ.get("QP_TEST_KAFKA_PORT", "19092"))
TEST_POSTGRES_PORT = int(os.environ.get("QP_TEST_POSTGRES_PORT", "15433"))


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """Tell whether something listens on `host:port`."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class Broker:
    """A single-node KRaft broker on loopback, run by deploy/kafka/broker.sh.

    It requires sign-in and enforces the platform's ACLs, like every other broker of the
    project: a test opens its topic prefix (the ACLs of the platform under that prefix)
    before its services use it, and the session cleans up as the operator's principal.
    """

    port: int = TEST_KAFKA_PORT
    data_dir: Path = ROOT / ".run" / "test-kafka"
    _admin: KafkaAdminClient | None = field(default=None, init=False, repr=False)

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "KAFKA_PORT": str(self.port),
            "KAFKA_CONTROLLER_PORT": str(self.port + 1),
            "KAFKA_DATA_DIR": str(self.data_dir),
            # Each test opens its own prefix; no test uses the laptop's `q.`.
            "KAFKA_ACL_PREFIXES": "",
        }

    def start(self, *, empty: bool = False) -> None:
        """Start the broker (on empty storage if `empty`); wait until clients read its metadata.

        Every test makes its own topics, so a session's broker starts empty: topics left by
        earlier sessions would only slow its start. A restart within a session keeps them.
        """
        if empty:
            shutil.rmtree(self.data_dir, ignore_errors=True)
        subprocess.run([str(BROKER_SCRIPT), "start"], env=self._env(), check=True)

    def open_prefix(self, prefix: str) -> None:
        """Grant the platform's principals their rights on the topics and groups of `prefix`."""
        grants = platform_grants(prefix)
        apply_grants(self.admin(), grants)
        wait_until(lambda: in_force(self.admin(), grants), message=f"the rules of {prefix}")

    def delete_topics(self, prefix: str) -> None:
        """Delete every topic (and rule) under `prefix`, once a test is done with them."""
        admin = self.admin()
        doomed = [name for name in admin.list_topics() if name.startswith(prefix)]
        if doomed:
            admin.delete_topics(doomed)
        revoke_grants(admin, grants_under(prefix))

    def admin(self) -> KafkaAdminClient:
        """Return the session's admin client, signed in as the operator's principal."""
        if self._admin is None:
            self._admin = KafkaAdminClient(
                bootstrap_servers=self.bootstrap, client_id="test-admin", **signed_in_as(ADMIN)
            )
        return self._admin

    def close(self) -> None:
        """Disconnect the session's admin client."""
        if self._admin is not None:
            self._admin.close()
            self._admin = None

    def stop(self) -> None:
        """Stop the broker and wait until its process is gone."""
        self.close()
        subprocess.run([str(BROKER_SCRIPT), "stop"], env=self._env(), check=True)


@dataclass
class Postgres:
    """A throwaway PostgreSQL cluster with a database and role per service."""

    port: int = TEST_POSTGRES_PORT
    _seeds: dict[str, Seeds] = field(default_factory=dict)

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PG_PORT": str(self.port),
            "PG_DATA_DIR": str(ROOT / ".run" / "test-postgres"),
        }

    def start(self) -> None:
        subprocess.run([str(POSTGRES_SCRIPT), "start"], env=self._env(), check=True)

    def stop(self) -> None:
        subprocess.run([str(POSTGRES_SCRIPT), "stop"], env=self._env(), check=True)

    def url(self, service: str) -> str:
        """Return the URL with which `service` reaches its own database."""
        result = subprocess.run(
            [str(POSTGRES_SCRIPT), "url", service],
            env=self._env(),
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()

    def fresh_database(self, service: str) -> str:
        """Return the URL of `service`'s database, migrated, holding only what migrations seed."""
        url = self.url(service)
        engine = create_engine(url)
        try:
            if service not in self._seeds:
                self._seeds[service] = _rebuild(engine, service, url)
            _reset(engine, self._seeds[service])
        finally:
            engine.dispose()
        return url


def _rebuild(engine: Engine, service: str, url: str) -> Seeds:
    # Start the session from an empty schema, so what the migrations seed can be told apart.
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    upgrade(service, url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: [dict(row._mapping) for row in connection.execute(select(table))]
            for name, table in metadata.tables.items()
            if name != "alembic_version"
        }


def _reset(engine: Engine, seeds: Seeds) -> None:
    metadata = MetaData()
    metadata.reflect(engine)
    # Every table goes, including any a test created beside the service's own.
    tables = [name for name in metadata.tables if name != "alembic_version"]
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        for name in _in_dependency_order(metadata, seeds):
            if seeds[name]:
                connection.execute(insert(metadata.tables[name]), seeds[name])


def _in_dependency_order(metadata: MetaData, seeds: Seeds) -> list[str]:
    return [table.name for table in metadata.sorted_tables if table.name in seeds]
