"""Where `make run` puts everything, read from the environment once, with laptop defaults."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from qplatform.services import SERVICES

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Layout:
    """The ports and folders of one local platform, and the addresses derived from them."""

    run_dir: Path
    web_port_base: int
    metrics_port_base: int
    smtp_port: int
    gateway: str
    kafka_port: int
    kafka_controller_port: int
    kafka_data_dir: Path
    cors_origins: tuple[str, ...]
    nginx: str
    site_url: str
    public_base_url: str
    # A local Jaeger for traces: "auto" starts it once built, "on" also builds it, "off".
    jaeger: str = "auto"
    jaeger_ui_port: int = 16686
    jaeger_otlp_port: int = 4318

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Layout":
        """Read the layout from `env`; every address a link or client needs follows from it."""
        run_dir = Path(env.get("QP_LOCAL_RUN_DIR", str(ROOT / ".run"))).resolve()
        gateway = env.get("QP_LOCAL_GATEWAY", "127.0.0.1:8080")
        kafka_port = int(env.get("KAFKA_PORT", "9092"))
        site_url = env.get("QP_SITE_URL", f"http://{reachable(gateway)}")
        return cls(
            run_dir=run_dir,
            web_port_base=int(env.get("QP_LOCAL_WEB_PORT_BASE", "8001")),
            metrics_port_base=int(env.get("QP_LOCAL_METRICS_PORT_BASE", "9101")),
            smtp_port=int(env.get("QP_SMTP_PORT", "8025")),
            gateway=gateway,
            kafka_port=kafka_port,
            kafka_controller_port=int(env.get("KAFKA_CONTROLLER_PORT", str(kafka_port + 1))),
            kafka_data_dir=Path(env.get("KAFKA_DATA_DIR", str(run_dir / "kafka"))).resolve(),
            cors_origins=tuple(env.get("QP_LOCAL_CORS_ORIGINS", "http://localhost:3000").split()),
            nginx=env.get("QP_LOCAL_NGINX", "/usr/sbin/nginx"),
            site_url=site_url,
            public_base_url=env.get("QP_PUBLIC_BASE_URL", f"{site_url}/notifications"),
            jaeger=_jaeger_mode(env.get("QP_LOCAL_JAEGER", "auto")),
            jaeger_ui_port=int(env.get("QP_LOCAL_JAEGER_UI_PORT", "16686")),
            jaeger_otlp_port=int(env.get("QP_LOCAL_JAEGER_OTLP_PORT", "4318")),
        )

    @property
    def logs(self) -> Path:
        return self.run_dir / "logs"

    @property
    def kafka_bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def gateway_url(self) -> str:
        return f"http://{reachable(self.gateway)}"

    def web_port(self, service: str) -> int:
        return self.web_port_base + SERVICES.index(service)

    def metrics_port(self, service: str) -> int:
        return self.metrics_port_base + SERVICES.index(service)

    @property
    def website_port(self) -> int:
        """Return the port of the website's own process, the one after the services'."""
        return self.web_port_base + len(SERVICES)

    def website_env(self) -> dict[str, str]:
        """Return the environment of the website, which calls the APIs through the gateway."""
        return {
            **os.environ,
            "QP_BIND": f"127.0.0.1:{self.website_port}",
            "QP_GATEWAY_URL": self.gateway_url,
            "QP_SITE_URL": self.site_url,
            "PROMETHEUS_MULTIPROC_DIR": str(self.run_dir / "metrics" / "website"),
        }

    @property
    def jaeger_url(self) -> str:
        return f"http://127.0.0.1:{self.jaeger_ui_port}"

    def jaeger_env(self) -> dict[str, str]:
        """Return the environment under which deploy/jaeger/jaeger.sh runs this Jaeger."""
        return {
            **os.environ,
            "JAEGER_OTLP_PORT": str(self.jaeger_otlp_port),
            "JAEGER_UI_PORT": str(self.jaeger_ui_port),
            # Its other two ports follow the UI's, so two platforms apart need move one only.
            "JAEGER_QUERY_GRPC_PORT": str(self.jaeger_ui_port - 1),
            "JAEGER_HEALTH_PORT": str(self.jaeger_ui_port + 1),
        }

    def tracing_env(self) -> dict[str, str]:
        """Return what tells a service to send its traces to the local Jaeger, if it runs."""
        if self.jaeger == "off" or "OTEL_EXPORTER_OTLP_ENDPOINT" in os.environ:
            return {}
        return {"OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{self.jaeger_otlp_port}"}

    def broker_env(self) -> dict[str, str]:
        """Return the environment under which deploy/kafka/broker.sh runs this broker."""
        return {
            **os.environ,
            "KAFKA_PORT": str(self.kafka_port),
            "KAFKA_CONTROLLER_PORT": str(self.kafka_controller_port),
            "KAFKA_DATA_DIR": str(self.kafka_data_dir),
        }

    def service_env(self, service: str) -> dict[str, str]:
        """Return the environment of one service's processes on this machine."""
        return {
            **os.environ,
            "QP_DATA_DIR": os.environ.get("QP_DATA_DIR", str(self.run_dir / "data")),
            "QP_KAFKA_BOOTSTRAP": self.kafka_bootstrap,
            "QP_SMTP_PORT": str(self.smtp_port),
            "QP_SITE_URL": self.site_url,
            "QP_PUBLIC_BASE_URL": self.public_base_url,
            # The origin services build their own absolute addresses from (calendar feeds).
            "QP_PUBLIC_URL": os.environ.get("QP_PUBLIC_URL", self.gateway_url),
            "QP_WORKER_METRICS_PORT": str(self.metrics_port(service)),
            "QP_BIND": f"127.0.0.1:{self.web_port(service)}",
            "PROMETHEUS_MULTIPROC_DIR": str(self.run_dir / "metrics" / service),
            **self.tracing_env(),
        }


def reachable(listen: str) -> str:
    """Return the host:port a browser on this machine uses for an nginx `listen` value."""
    host, _, port = listen.rpartition(":")
    if host in ("", "0.0.0.0", "*", "[::]"):
        host = "127.0.0.1"
    return f"{host}:{port}"


def _jaeger_mode(given: str) -> str:
    mode = given.strip().lower()
    if mode in ("off", "false", "0", "no"):
        return "off"
    return "on" if mode in ("on", "true", "1", "yes") else "auto"


def jaeger_built() -> bool:
    """Tell whether the local Jaeger is built at the version deploy/jaeger/go.mod pins."""
    jaeger = ROOT / "deploy" / "jaeger"
    stamp = jaeger / "bin" / ".go.mod"
    built = stamp.exists() and (jaeger / "bin" / "jaeger").exists()
    return built and stamp.read_bytes() == (jaeger / "go.mod").read_bytes()
