"""One service's Kubernetes workloads: web, worker, migration Job, and what keeps them up."""

from typing import Any

IMAGE = "qplatform"
PART_OF = {"app.kubernetes.io/part-of": "q-platform"}
USER_ID = 10001
# Secrets only one service needs, as (variable, key in the qp-secrets Secret).
PASSWORD_LINK_SECRET = ("QP_PASSWORD_LINK_SECRET", "password-link-secret")
OWN_SECRETS = {
    # Both derive a set-password link's secret, so both read the same key.
    "membership": (PASSWORD_LINK_SECRET,),
    "notifications": (("QP_UNSUBSCRIBE_SECRET", "unsubscribe-secret"), PASSWORD_LINK_SECRET),
}


def service_manifests(service: str) -> list[dict[str, Any]]:
    """Return the web and worker Deployments, Service, HPA, PDBs and migration Job."""
    return [
        _deployment(service, "web", replicas=2),
        _web_service(service),
        _autoscaler(service),
        _disruption_budget(service, "web", {"minAvailable": 1}),
        _deployment(service, "worker", replicas=1),
        _disruption_budget(service, "worker", {"maxUnavailable": 1}),
        _migration(service),
    ]


def labels(service: str, component: str) -> dict[str, str]:
    """Return the labels that pick out one process kind of one service."""
    return {"app.kubernetes.io/name": service, "app.kubernetes.io/component": component}


def _meta(service: str, component: str) -> dict[str, Any]:
    return {"name": f"{service}-{component}", "labels": {**labels(service, component), **PART_OF}}


def _deployment(service: str, component: str, replicas: int) -> dict[str, Any]:
    container = _web(service) if component == "web" else _worker(service)
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": _meta(service, component),
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels(service, component)},
            "template": {
                "metadata": {
                    "labels": {**labels(service, component), **PART_OF},
                    "annotations": _scrape(8000 if component == "web" else 9100),
                },
                "spec": _pod_spec(container, restart="Always"),
            },
        },
    }


def _scrape(port: int) -> dict[str, str]:
    # The usual annotations for Prometheus's Kubernetes pod discovery.
    return {"prometheus.io/scrape": "true", "prometheus.io/port": str(port)}


def _pod_spec(container: dict[str, Any], restart: str) -> dict[str, Any]:
    return {
        "restartPolicy": restart,
        "automountServiceAccountToken": False,
        "terminationGracePeriodSeconds": 30,
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": USER_ID,
            "runAsGroup": USER_ID,
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "containers": [container],
        "volumes": [{"name": "tmp", "emptyDir": {}}],
    }


def _container(service: str, name: str, command: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "image": IMAGE,
        "command": command,
        "envFrom": [{"configMapRef": {"name": "qp-config"}}],
        "env": [
            _secret_env("QP_DATABASE_URL", f"{service}-database", "url"),
            _secret_env("QP_KAFKA_PASSWORD", service, "password"),  # Strimzi's KafkaUser
            _secret_env("QP_STAFF_TOKEN", "qp-secrets", "staff-token"),
            _secret_env("QP_TOKEN_SECRET", "qp-secrets", "token-secret"),
            *[_secret_env(name, "qp-secrets", key) for name, key in OWN_SECRETS.get(service, ())],
        ],
        "resources": {
            "requests": {"cpu": "100m", "memory": "192Mi"},
            "limits": {"cpu": "1", "memory": "512Mi"},
        },
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        },
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }


def _secret_env(name: str, secret: str, key: str) -> dict[str, Any]:
    return {"name": name, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}


def _web(service: str) -> dict[str, Any]:
    app = f"{service}.entrypoints.web:create_app()"
    container = _container(
        service, "web", ["gunicorn", "-c", "python:qplatform.web.gunicorn_conf", app]
    )
    container["env"].append({"name": "PROMETHEUS_MULTIPROC_DIR", "value": "/tmp/metrics"})
    container["ports"] = [{"name": "http", "containerPort": 8000}]
    container["startupProbe"] = _probe("/healthz", "http", period=2, failures=30)
    container["livenessProbe"] = _probe("/healthz", "http", period=10, failures=3)
    container["readinessProbe"] = _probe("/readyz", "http", period=5, failures=2)
    return container


def _worker(service: str) -> dict[str, Any]:
    container = _container(service, "worker", ["qp-worker", service])
    container["env"].append({"name": "QP_WORKER_METRICS_PORT", "value": "9100"})
    container["ports"] = [{"name": "metrics", "containerPort": 9100}]
    container["livenessProbe"] = _probe("/metrics", "metrics", period=15, failures=4)
    return container


def _probe(path: str, port: str, period: int, failures: int) -> dict[str, Any]:
    return {
        "httpGet": {"path": path, "port": port},
        "periodSeconds": period,
        "timeoutSeconds": 3,
        "failureThreshold": failures,
    }


def _web_service(service: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": _meta(service, "web"),
        "spec": {
            "selector": labels(service, "web"),
            "ports": [{"name": "http", "port": 8000, "targetPort": "http"}],
        },
    }


def _autoscaler(service: str) -> dict[str, Any]:
    target = {"type": "Utilization", "averageUtilization": 70}
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": _meta(service, "web"),
        "spec": {
            "scaleTargetRef": {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "name": f"{service}-web",
            },
            "minReplicas": 2,
            "maxReplicas": 10,
            "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": target}}],
        },
    }


def _disruption_budget(service: str, component: str, budget: dict[str, int]) -> dict[str, Any]:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": _meta(service, component),
        "spec": {**budget, "selector": {"matchLabels": labels(service, component)}},
    }


def _migration(service: str) -> dict[str, Any]:
    container = _container(service, "migrate", ["qp-migrate", service])
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": _meta(service, "migrate"),
        "spec": {
            "backoffLimit": 3,
            "ttlSecondsAfterFinished": 3600,
            "template": {
                "metadata": {"labels": {**labels(service, "migrate"), **PART_OF}},
                "spec": _pod_spec(container, restart="OnFailure"),
            },
        },
    }
