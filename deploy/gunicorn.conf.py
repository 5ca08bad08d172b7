"""gunicorn settings for VinhDanh (``make serve``, deploy/vinhdanh.service).

Read from the environment: HOST and PORT (127.0.0.1:8000), WEB_CONCURRENCY (worker processes,
default 2 × CPU + 1 capped at 8), GUNICORN_TIMEOUT (seconds, default 120: document generation
with LibreOffice can take a while). Requests are logged by the app (one JSON line each, with
the request id), so gunicorn's own access log is off; its error log goes to stderr.
"""

import os
from pathlib import Path

# This checkout's code, whichever copy of the package the virtualenv has installed.
pythonpath = str(Path(__file__).resolve().parent.parent / "src")

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1) + 1, 8))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# The app's RequestSizeLimitMiddleware answers 413 from Content-Length; keep headers bounded.
limit_request_field_size = 16384
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# nginx on the same machine sets X-Forwarded-Proto; only it is trusted.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
wsgi_app = "vinhdanh.wsgi:application"
# Load the app before forking: workers share its memory and a broken configuration fails once.
preload_app = True
