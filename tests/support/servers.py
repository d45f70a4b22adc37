"""The real Kafka broker and PostgreSQL server the tests run against, started by our scripts."""

import os
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from qplatform.db.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
BROKER_SCRIPT = ROOT / "deploy" / "kafka" / "broker.sh"
POSTGRES_SCRIPT = ROOT / "deploy" / "postgres" / "cluster.sh"
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
    """A single-node KRaft broker on loopback, run by deploy/kafka/broker.sh."""

    port: int = TEST_KAFKA_PORT
    data_dir: Path = ROOT / ".run" / "test-kafka"

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "KAFKA_PORT": str(self.port),
            "KAFKA_CONTROLLER_PORT": str(self.port + 1),
            "KAFKA_DATA_DIR": str(self.data_dir),
        }

    def start(self) -> None:
        """Start the broker and wait until clients can read its metadata."""
        subprocess.run([str(BROKER_SCRIPT), "start"], env=self._env(), check=True)

    def stop(self) -> None:
        """Stop the broker and wait until its process is gone."""
        subprocess.run([str(BROKER_SCRIPT), "stop"], env=self._env(), check=True)


@dataclass
class Postgres:
    """A throwaway PostgreSQL cluster with a database and role per service."""

    port: int = TEST_POSTGRES_PORT
    _migrated: set[str] = field(default_factory=set)

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
        """Migrate `service`'s database once per session, empty it, and return its URL."""
        url = self.url(service)
        if service not in self._migrated:
            upgrade(service, url)
            self._migrated.add(service)
        engine = create_engine(url)
        with engine.begin() as connection:
            tables = (
                connection.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename <> 'alembic_version'"
                    )
                )
                .scalars()
                .all()
            )
            if tables:
                connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return url
