"""Structured logs: the current request's id on every record, and one JSON object per line.

``RequestLogMiddleware`` (core.middleware) sets the request id for the time a request is served;
``RequestIdFilter`` copies it onto each log record (``-`` outside a request: the worker, commands),
so an error logged deep in a service carries the id the client saw in ``X-Request-ID``.
``JsonFormatter`` writes time, level, logger, message, request id, the fields passed with
``extra=`` (method, path, status, duration_ms…) and the traceback, one line per record.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("vinhdanh_request_id", default="-")

# Attributes every LogRecord has: anything else on a record came from ``extra=``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "taskName",
}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
                )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


_installed = False


def install_record_factory() -> None:
    """Every record gets ``request_id`` when made, whichever handler writes it (the console's
    filter does the same for records made before the app registry was ready)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        record.request_id = request_id_var.get()
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
