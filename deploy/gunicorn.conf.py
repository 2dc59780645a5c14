"""gunicorn for Fair Witness in production: `gunicorn -c deploy/gunicorn.conf.py fairwitness.web.wsgi`.

Settings come from the environment (see env.example); these are the server's own.
"""

import multiprocessing
import os

bind = os.environ.get("FAIRWITNESS_BIND", "127.0.0.1:8000")  # behind the TLS proxy, never public
# Two or more processes: one slow request (a 300-page bundle) must not hold every user up.
workers = int(os.environ.get("FAIRWITNESS_WORKERS", max(2, min(2 * multiprocessing.cpu_count() + 1, 8))))
# One thread per process (gunicorn's sync worker): pages are CPU work in Python, so a second thread
# shares its process's one core-at-a-time and, worse, keep-alive connections stay pinned to a busy
# process. With single-threaded workers a request waits in the shared listen queue for whichever
# process is free. Measured by bench/deploy_bench.py (20 clients, 1,000-event case page, 2 cores):
# p95 340 ms with 1 thread against 460-870 ms with 2. The sync worker needs a buffering proxy in
# front for slow clients: nginx.conf is one.
threads = int(os.environ.get("FAIRWITNESS_THREADS", "1"))
# A request that runs longer than this is cut off and its worker replaced, rather than holding a
# thread (the engine checks a 20,000-event case in under 2 s; a bundle builds in under 20 s).
timeout = int(os.environ.get("FAIRWITNESS_REQUEST_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then: a slow leak never becomes an outage
max_requests_jitter = 200
# Load Django and build the law packs, calendar, URL map and templates once in the master, then fork:
# a replaced worker is ready at once instead of spending its first request (about a second) building
# them while the requests queued on it wait. The price: `systemctl reload` (HUP) no longer loads new
# code; upgrades restart the service (docs/deploying.md).
preload_app = True


def when_ready(server):  # type: ignore[no-untyped-def]
    from fairwitness.web.warm import warm

    server.log.info("warmed before forking: %d templates compiled", warm())
# No access log here: paths carry private calendar tokens and invitation links. The proxy logs
# requests with those parts removed (see nginx.conf); errors still go to the error log.
accesslog = None
errorlog = "-"
loglevel = "warning"
forwarded_allow_ips = os.environ.get("FAIRWITNESS_PROXY_IPS", "127.0.0.1")
