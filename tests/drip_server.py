"""A hostile HTTP server on 127.0.0.1 that sends its answer one byte at a time.

Real sockets, a thread per connection: the client under test sees exactly what a slow or
malicious server looks like on the wire. It stops dripping when the client hangs up, when the
test ends, or after ``give_up`` seconds, so a client that fails to give up fails its test
instead of hanging the run.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class DripServer:
    """Answers every request with ``head`` (dripped when ``drip_head``) and then ``body``,
    both a byte per ``interval`` seconds."""

    head: bytes
    body: bytes = b""
    drip_head: bool = True
    interval: float = 0.02
    give_up: float = 10.0
    port: int = 0
    connections: int = 0
    # Set when the server stopped dripping before the client hung up: a client that keeps to
    # its deadline never lets that happen.
    gave_up: bool = False
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _socket: socket.socket | None = None

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        listener.settimeout(0.1)
        self._socket = listener
        self.port = listener.getsockname()[1]
        accepter = threading.Thread(target=self._accept, name="drip-accept", daemon=True)
        accepter.start()
        self._threads.append(accepter)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        if self._socket is not None:
            self._socket.close()

    def _accept(self) -> None:
        assert self._socket is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            worker = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            worker.start()
            self._threads.append(worker)

    def _serve(self, conn: socket.socket) -> None:
        """Answer each request on the connection in turn (clients keep connections alive)."""
        with conn:
            conn.settimeout(5)
            pending = b""
            while not self._stop.is_set():
                try:
                    while b"\r\n\r\n" not in pending:
                        chunk = conn.recv(4096)
                        if not chunk:
                            return
                        pending += chunk
                    pending = pending.split(b"\r\n\r\n", 1)[1]
                    if not self.drip_head:
                        conn.sendall(self.head)
                    self._drip(conn, self.head if self.drip_head else b"")
                    self._drip(conn, self.body)
                except OSError:
                    return  # the client hung up: what a client that keeps to its deadline does

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        waited = 0.0
        for index in range(len(data)):
            if self._stop.wait(self.interval):
                return
            waited += self.interval
            if waited > self.give_up:
                self.gave_up = True
                return
            conn.sendall(data[index : index + 1])


def feed_head(length: int, content_type: str = "application/rss+xml") -> bytes:
    return (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


@contextmanager
def drip_server(
    head: bytes,
    body: bytes = b"",
    *,
    drip_head: bool = True,
    interval: float = 0.02,
    give_up: float = 10.0,
) -> Iterator[DripServer]:
    server = DripServer(
        head=head, body=body, drip_head=drip_head, interval=interval, give_up=give_up
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
