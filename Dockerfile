# Forløbsportalen: one image for web (gunicorn), worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts ./scripts
RUN sh scripts/copy-assets.sh

FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core fonts-liberation gettext curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt ./
RUN pip install --no-cache-dir -c constraints.txt .
COPY . .
COPY --from=assets /app/static/vendor ./static/vendor
# Settings fail closed without these; the build only needs them to be present, not real.
RUN export SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
       REDIS_URL=redis://build-only:6379/0 \
    && python manage.py collectstatic --noinput \
    && python manage.py compilemessages \
    && useradd --system --home /app forlob && mkdir -p /app/var/media /app/var/private && chown -R forlob /app/var
USER forlob
EXPOSE 8000
# Refuse to serve with settings that `check --deploy` warns about.
CMD ["sh", "-c", "python manage.py check --deploy --fail-level WARNING && exec gunicorn config.wsgi:application --bind 0.0.0.0:8000 --workers 3 --access-logfile -"]
