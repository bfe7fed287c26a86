"""Read ahead in a thread: parse the next rows while the database stores the last ones.

Parsing is Python work that holds the GIL; hashing long texts and SQLite's writes release
it. Overlapping the two uses the laptop's second core for most of an import.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")

_DEPTH = 3  # chunks parsed ahead at most: bounds the memory the read-ahead holds


class _End:
    pass


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class _ReadAhead(Generic[T]):
    def __init__(self, source: Iterable[T]) -> None:
        self._source = source
        self._queue: queue.Queue[T | _End | _Failed] = queue.Queue(maxsize=_DEPTH)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="read-ahead", daemon=True)

    def _produce(self) -> None:
        try:
            for item in self._source:
                if not self._put(item):
                    return
            self._put(_End())
        except BaseException as error:  # handed to the consumer, raised there
            self._put(_Failed(error))

    def _put(self, item: T | _End | _Failed) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[T]:
        self._thread.start()
        while True:
            item = self._queue.get()
            if isinstance(item, _End):
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item

    def close(self) -> None:
        """Stop the producer (after its current item) and wait for it."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


@contextmanager
def read_ahead(source: Iterable[T]) -> Iterator[Iterator[T]]:
    """Iterate `source` in a background thread, a few items ahead of the consumer.

    Errors raised by the source are raised in the consumer; leaving the block early
    (an error, a cancel) stops the producer before returning.
    """
    reader = _ReadAhead(source)
    try:
        yield iter(reader)
    finally:
        reader.close()
