# One image for every service and both of its processes; docker-compose.yml picks the command:
#   web:     gunicorn -c python:qplatform.web.gunicorn_conf '<service>.entrypoints.web:create_app()'
#   worker:  qp-worker <service>
#   migrate: qp-migrate <service>
#   website: gunicorn -c python:qplatform.web.gunicorn_conf 'website:create_app()'

# --- builder: install the project and its runtime dependencies into a venv ----------------
FROM python:3.11.14-slim-bookworm AS builder

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
RUN python -m venv /opt/venv
COPY pyproject.toml ./
COPY shared/ shared/
COPY services/ services/
COPY frontend/ frontend/
# Not editable and without the dev extras: the venv alone holds the code afterwards.
RUN /opt/venv/bin/pip install --no-cache-dir .

# --- runtime: the venv on a clean base, run by an unprivileged user -----------------------
FROM python:3.11.14-slim-bookworm AS runtime

LABEL org.opencontainers.image.title="q-platform" \
      org.opencontainers.image.description="Q Platform services: web, worker and migrations"

RUN groupadd --system --gid 10001 qp \
    && useradd --system --uid 10001 --gid qp --no-create-home --shell /usr/sbin/nologin qp

COPY --from=builder /opt/venv /opt/venv

# In a container every process listens on all interfaces; ports are published by compose.
ENV PATH="/opt/venv/bin:${PATH}" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    QP_BIND=0.0.0.0:8000 \
    QP_WORKER_METRICS_HOST=0.0.0.0

WORKDIR /tmp
USER 10001:10001
EXPOSE 8000 9100

# Without a command: run the web process of $SERVICE, or say how to use the image.
CMD ["sh", "-c", "if [ -z \"${SERVICE:-}\" ]; then echo 'usage: SERVICE=<membership|events|matching|notifications|collaboration> for the web process, or run: qp-worker <service> | qp-migrate <service>' >&2; exit 64; fi; exec gunicorn -c python:qplatform.web.gunicorn_conf \"${SERVICE}.entrypoints.web:create_app()\""]
