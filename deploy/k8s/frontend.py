"""The website's Kubernetes workloads: a Deployment behind the gateway, its Service and limits."""

from typing import Any

from deploy.k8s.workloads import IMAGE, PART_OF, _pod_spec, _probe, _scrape, labels

NAME = "frontend"


def website_manifests() -> list[dict[str, Any]]:
    """Return the website's Deployment, Service, autoscaler and disruption budget."""
    meta = {"name": NAME, "labels": {**labels(NAME, "web"), **PART_OF}}
    selector = labels(NAME, "web")
    return [
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": meta,
            "spec": {
                "replicas": 2,
                "selector": {"matchLabels": selector},
                "template": {
                    "metadata": {"labels": meta["labels"], "annotations": _scrape(8000)},
                    "spec": _pod_spec(_container(), restart="Always"),
                },
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": meta,
            "spec": {
                "selector": selector,
                "ports": [{"name": "http", "port": 8000, "targetPort": "http"}],
            },
        },
        {
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": meta,
            "spec": {
                "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": NAME},
                "minReplicas": 2,
                "maxReplicas": 10,
                "metrics": [
                    {
                        "type": "Resource",
                        "resource": {
                            "name": "cpu",
                            "target": {"type": "Utilization", "averageUtilization": 70},
                        },
                    }
                ],
            },
        },
        {
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": meta,
            "spec": {"minAvailable": 1, "selector": {"matchLabels": selector}},
        },
    ]


def _container() -> dict[str, Any]:
    secret = {"secretKeyRef": {"name": "qp-secrets", "key": "website-secret"}}
    site_url = {"configMapKeyRef": {"name": "qp-config", "key": "QP_SITE_URL"}}
    return {
        "name": "web",
        "image": IMAGE,
        "command": ["gunicorn", "-c", "python:qplatform.web.gunicorn_conf", "website:create_app()"],
        "env": [
            {"name": "QP_GATEWAY_URL", "value": "http://gateway"},
            # Calendar feeds the website hands out start with the public address.
            {"name": "QP_SITE_URL", "valueFrom": site_url},
            {"name": "QP_WEBSITE_SECURE_COOKIES", "value": "true"},
            {"name": "QP_BIND", "value": "0.0.0.0:8000"},
            {"name": "PROMETHEUS_MULTIPROC_DIR", "value": "/tmp/metrics"},
            {"name": "QP_WEBSITE_SECRET", "valueFrom": secret},
        ],
        "ports": [{"name": "http", "containerPort": 8000}],
        "startupProbe": _probe("/healthz", "http", period=2, failures=30),
        "livenessProbe": _probe("/healthz", "http", period=10, failures=3),
        "readinessProbe": _probe("/healthz", "http", period=5, failures=2),
        "resources": {
            "requests": {"cpu": "100m", "memory": "128Mi"},
            "limits": {"cpu": "1", "memory": "384Mi"},
        },
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        },
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
