"""gunicorn for Fair Witness in production: `gunicorn -c deploy/gunicorn.conf.py fairwitness.web.wsgi`.

Settings come from the environment (see env.example); these are the server's own.
"""

import multiprocessing
import os

bind = os.environ.get("FAIRWITNESS_BIND", "127.0.0.1:8000")  # behind the TLS proxy, never public
# Two or more processes: one slow request (a 300-page bundle) must not hold every user up.
workers = int(os.environ.get("FAIRWITNESS_WORKERS", max(2, min(2 * multiprocessing.cpu_count() + 1, 8))))
threads = int(os.environ.get("FAIRWITNESS_THREADS", "2"))
# A request that runs longer than this is cut off and its worker replaced, rather than holding a
# thread (the engine checks a 20,000-event case in under 2 s; a bundle builds in under 20 s).
timeout = int(os.environ.get("FAIRWITNESS_REQUEST_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then: a slow leak never becomes an outage
max_requests_jitter = 200
# No access log here: paths carry private calendar tokens and invitation links. The proxy logs
# requests with those parts removed (see nginx.conf); errors still go to the error log.
accesslog = None
errorlog = "-"
loglevel = "warning"
forwarded_allow_ips = os.environ.get("FAIRWITNESS_PROXY_IPS", "127.0.0.1")
