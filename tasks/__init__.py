"""The Celery app, thin task wrappers (load, call, store, enqueue) and the beat schedule."""
import os

# One BLAS thread per worker process: the NLP models' small matrix products gain nothing from
# more, and with several prefork children they would fight over the cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
