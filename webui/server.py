"""The web server: several processes sharing one index on disk, or one process with threads.

Python answers one request at a time per process (the GIL), so one process uses one core
however many threads it has. Where the system can fork (Linux, macOS), ``serve`` runs
gunicorn with ``processes`` workers of ``threads`` threads each: every worker opens the
index files itself (the system's page cache holds them once) and picks up new index
versions on its own. The master loads pyvi before forking, so the workers share its model;
a worker that dies is replaced.

gunicorn runs in a process of its own (``python -m webui.server``), started by ``serve``:
its master reaps every child process it has, and ``serve``'s archive watcher starts
indexing runs of its own that must be waited for by the watcher, not reaped by gunicorn.
Where forking is impossible, or with one process, waitress serves in ``serve``'s own
process, as before.
"""

from __future__ import annotations

import argparse
import errno
import logging
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["can_fork_workers", "port_problem", "serve_in_processes", "serve_in_threads",
           "main"]

# How much the web workers yield to indexing when both want the cores (0-19).
WORKER_NICENESS = 5

READY = "Serving the archive at http://{host}:{port}/  (Ctrl-C to stop)"


def can_fork_workers() -> bool:
    """Whether several worker processes can share one listening socket here."""
    if not hasattr(os, "fork"):
        return False
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen at ``host:port`` (said before anything starts), or
    None when it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"unknown host ({exc.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return ("the port is in use (is the site already running?); choose another "
                        "with --port or UNION_SEARCH_PORT")
            if exc.errno == errno.EACCES:
                return "no permission to use this port (below 1024?); choose another with --port"
            return exc.strerror or str(exc)
    return None


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host


# Pages rendered once before the site says it is ready (templates compiled, catalogue read).
WARM_PAGES = ("/?q=cong+doan", "/?q=c%C3%B4ng+%C4%91o%C3%A0n&lang=en")


def _warm(app: Any, index_dir: str) -> None:
    """Open the index, load what queries need and render the search page once, so that the
    first visitor does not pay for it."""
    from search import engine_for

    from .app import REQUEST_LOG

    try:
        engine_for(index_dir).warm()
    except FileNotFoundError as exc:  # no commit yet: the site says so until there is one
        print(f"note: {exc}", flush=True)
    level = REQUEST_LOG.level
    REQUEST_LOG.setLevel(logging.WARNING)  # these are not visitors' requests
    try:
        client = app.test_client()
        for path in WARM_PAGES:
            client.get(path)
    finally:
        REQUEST_LOG.setLevel(level)


def _load_pyvi() -> None:
    """Load pyvi's model (the analyser's first call does): a forked worker shares it."""
    from indexer.analysis import analyze

    analyze("Công đoàn Giáo dục")


def serve_in_threads(app: Any, index_dir: str, host: str, port: int, threads: int) -> None:
    """One process, ``threads`` threads: waitress (every platform)."""
    from waitress import serve

    _warm(app, index_dir)
    print(READY.format(host=_shown(host), port=port), flush=True)
    serve(app, host=host, port=port, threads=threads, ident="union-search")


def serve_in_processes(index_dir: Path, corpus: Path, host: str, port: int, processes: int,
                       threads: int, watching: str | None) -> int:
    """Run gunicorn in a child process and wait for it; SIGINT and SIGTERM are passed on.
    Returns its exit status."""
    command = [sys.executable, "-m", "webui.server", "--index", str(index_dir),
               "--corpus", str(corpus), "--host", host, "--port", str(port),
               "--processes", str(processes), "--threads", str(threads)]
    if watching:
        command += ["--watching", watching]
    child = subprocess.Popen(command, preexec_fn=_die_with_parent)

    def forward(signum: int, frame: Any) -> None:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:
                forward(signal.SIGINT, None)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _die_with_parent() -> None:
    """In the gunicorn process, before it runs: a SIGTERM when ``serve`` dies, however it
    dies (SIGKILL included), so that no server is left holding the port. Linux only; its
    workers notice their parent is gone and stop by themselves."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _gunicorn_app(app: Any, options: dict[str, Any]) -> Any:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    return Server()


def main(argv: list[str] | None = None) -> int:
    """The gunicorn process ``serve`` starts (not a command for people)."""
    parser = argparse.ArgumentParser(prog="python -m webui.server")
    parser.add_argument("--index", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--processes", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--watching")
    args = parser.parse_args(argv)

    from webui import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    _load_pyvi()  # before the fork: the workers share the model
    app = create_app({"INDEX_DIR": args.index, "CORPUS_DIR": args.corpus,
                      "WATCHING": args.watching})
    # Workers that have warmed up, in memory the forked workers share: the last of the
    # first ones says the site is ready (a worker that replaces one later does not).
    warmed = multiprocessing.get_context("fork").Value("i", 0)

    def post_worker_init(worker: Any) -> None:
        # Each worker opens the index itself: open files must not be shared across a fork.
        _warm(app, args.index)
        # The workers can keep both cores busy; the watcher's indexing runs must still get
        # their share, or a busy site would go on showing a deleted report.
        os.nice(WORKER_NICENESS)
        with warmed.get_lock():
            warmed.value += 1
            if warmed.value == args.processes:
                print(READY.format(host=_shown(args.host), port=args.port), flush=True)

    options = {
        "bind": f"{_shown(args.host)}:{args.port}",
        "workers": args.processes,
        "threads": args.threads,
        "worker_class": "gthread",
        "preload_app": True,
        "post_worker_init": post_worker_init,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "union-search",
        # A worker busy longer than this on one request is replaced (a runaway query).
        "timeout": 120,
        "graceful_timeout": 5,
    }
    _gunicorn_app(app, options).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
