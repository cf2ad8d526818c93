FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 MOUTHPIECE_DATA_DIR=/data OPENBLAS_NUM_THREADS=1
COPY pyproject.toml README.md requirements.lock requirements-nlp.txt ./
COPY crawlers crawlers
COPY quotes quotes
COPY storage storage
COPY tasks tasks
COPY alerts alerts
COPY mouthpiece mouthpiece
COPY config config
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock \
 && pip install --no-cache-dir --no-deps --no-build-isolation . && pip install --no-cache-dir flower \
 && pip install --no-cache-dir --no-deps --require-hashes -r requirements-nlp.txt && mkdir -p /data
USER nobody
