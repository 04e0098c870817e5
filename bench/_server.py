"""What the HTTP benchmarks share: a fresh database, the environment of a
non-debug server, and gunicorn started as docs/deployment.md runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WORKERS = 2 * (os.cpu_count() or 2)  # docs/deployment.md: sync, two per core


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "AXES_ENABLED": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def fresh_database(env: dict[str, str]) -> None:
    """Drop and re-create the benchmark database (PostgreSQL or an SQLite file), then migrate."""
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
                check=True,
                env=env,
            )
    elif url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    manage(env, "migrate", "-v0")


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        stdout=None if capture else subprocess.DEVNULL,
        text=True,
    )
    return done.stdout if capture else ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def describe(worker_class: str, workers: int, threads: int) -> str:
    extra = f" x {threads} threads" if worker_class == "gthread" else ""
    return f"gunicorn {worker_class}, {workers} workers{extra}"


@contextmanager
def gunicorn(
    env: dict[str, str],
    *,
    worker_class: str = "sync",
    workers: int = DEFAULT_WORKERS,
    threads: int = 1,
    probe: str = "/healthz",
) -> Iterator[str]:
    """Run gunicorn on a free loopback port until the block ends; yields the base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--worker-class",
            worker_class,
            # gunicorn turns sync into gthread when threads > 1: pass threads only for gthread
            *(["--threads", str(threads)] if worker_class == "gthread" else []),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + probe, timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn did not answer {probe} within 30 s")
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
