"""A small closed-loop HTTP load generator for the benchmarks: N concurrent
clients (threads in a separate process), keep-alive connections, bounded in
count and time, loopback only. Prints nothing; returns the figures."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Figures:
    label: str
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    rps: float
    server_p95_ms: float | None = None

    def line(self) -> str:
        server = (
            f"  server p95 {self.server_p95_ms:7.1f} ms" if self.server_p95_ms is not None else ""
        )
        return (
            f"{self.label:<40} n={self.requests:<6} err={self.errors:<3} p50 {self.p50_ms:7.1f} ms  "
            f"p95 {self.p95_ms:7.1f} ms  p99 {self.p99_ms:7.1f} ms  {self.rps:8.1f} req/s{server}"
        )


def run(
    label: str,
    base_url: str,
    paths: list[str],
    *,
    clients: int = 20,
    total: int = 2000,
    headers: dict[str, str] | None = None,
    max_seconds: float = 120.0,
) -> Figures:
    parts = urlsplit(base_url)
    assert parts.hostname in {"127.0.0.1", "localhost", "::1"}, "benchmarks only target loopback"
    latencies: list[float] = []
    server_times: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        index = 0
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            path = paths[(n + index) % len(paths)]
            index += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                server = response.getheader("Server-Timing")
            except (OSError, http.client.HTTPException):
                ok, server = False, None
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors += 1
                if server and "dur=" in server:
                    server_times.append(float(server.split("dur=")[1].split(";")[0].split(",")[0]))
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duration = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    server_p95 = (
        statistics.quantiles(sorted(server_times), n=100)[94] if len(server_times) > 1 else None
    )
    return Figures(
        label, len(latencies), errors, q[49], q[94], q[98], len(latencies) / duration, server_p95
    )
