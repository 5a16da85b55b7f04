# peacebot: the Telegram tutor. Build: docker build -t peacebot .
# Run:  docker run -e TELEGRAM_BOT_TOKEN=... -v peacebot-data:/app/data peacebot

FROM python:3.11-slim AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY content ./content
COPY db ./db
# The same install step as README's set-up, without the editable flag.
RUN pip install .

FROM python:3.11-slim
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    MPLBACKEND=Agg \
    MPLCONFIGDIR=/tmp/matplotlib \
    DATABASE_URL=sqlite+aiosqlite:////app/data/peacebot.db \
    HEARTBEAT_FILE=/tmp/peacebot.heartbeat
RUN useradd --create-home --uid 10001 --home-dir /app peacebot
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
RUN mkdir -p /app/data && chown 10001:10001 /app/data
USER 10001:10001
VOLUME ["/app/data"]
# Health is the bot's: `peacebot run` touches HEARTBEAT_FILE every 30 s while it receives
# updates (bot/telegram/heartbeat.py); older than 120 s, or missing, is unhealthy.
HEALTHCHECK --interval=60s --timeout=10s --start-period=3m --retries=2 CMD ["python", "-c", "import os, sys, time; p = os.environ['HEARTBEAT_FILE']; sys.exit(not os.path.exists(p) or time.time() - os.path.getmtime(p) > 120)"]
EXPOSE 8443
CMD ["peacebot", "run"]
