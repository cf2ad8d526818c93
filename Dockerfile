FROM python:3.11-slim
WORKDIR /app
# The code runs from /app (PYTHONPATH), beside tests/sites, which `mouthpiece demo` serves. Data
# goes to /data (a volume), and one's own config/ is mounted at /config (a file missing there
# falls back to the shipped default).
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 MOUTHPIECE_DATA_DIR=/data MOUTHPIECE_CONFIG_DIR=/config \
    OPENBLAS_NUM_THREADS=1 PYTHONPATH=/app
COPY pyproject.toml README.md requirements.lock requirements-nlp.txt ./
COPY crawlers crawlers
COPY quotes quotes
COPY narratives narratives
COPY storage storage
COPY tasks tasks
COPY alerts alerts
COPY web web
COPY mouthpiece mouthpiece
COPY config config
COPY tests/sites tests/sites
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock \
 && pip install --no-cache-dir --no-deps --no-build-isolation . && pip install --no-cache-dir flower \
 && pip install --no-cache-dir --no-deps --require-hashes -r requirements-nlp.txt && mkdir -p /data /config && chown nobody:nogroup /data
USER nobody
