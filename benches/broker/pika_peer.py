#!/usr/bin/env python3
"""The pika peer of the broker benchmark: the same work as chat-tui, done by pika.

The broker-level benchmark runs this script as a subprocess (where
``python3 -m pip install pika`` works) to put a row for pika, the Python stack
that chat-tui replaces, beside chat-tui and a raw lapin loop. It uses pika's
``BlockingConnection``, as that stack does, and prints ONE JSON object on
stdout with its figures. The queue must exist: this script declares nothing
and deletes nothing.

Subcommands:

``send --url URL --queue Q --count N --body-size B``
    Publishes N persistent messages (delivery_mode 2) of B bytes to the
    default exchange with routing key Q, ``mandatory=True``, with publisher
    confirms. pika's blocking channel waits for each confirm before the next
    publish, so this is one round trip per message: that is the point of the
    peer row. Prints ``{"messages": N, "seconds": s}``, timed from the first
    publish to the last confirm.

``drain --url URL --queue Q --count N --prefetch P [--timeout T]``
    Consumes from Q with manual acknowledgements and ``basic_qos`` prefetch P,
    acking each delivery on its own (``multiple=False``), until N messages
    were received; then cancels the consumer (whatever was prefetched beyond
    N goes back to the queue). Prints ``{"messages": N, "seconds": s}``, timed
    from ``basic_consume`` to the last ack. Fails if nothing arrives for T
    seconds (default 30).

``latency --url URL --queue Q --count N [--timeout T]``
    Starts a consumer on Q on its own connection (in a thread), then, one
    message at a time, publishes a persistent, confirmed, mandatory message
    carrying this run's id, its sequence number and ``time.perf_counter_ns()``
    taken just before the publish call, and waits until the consumer has it. A message's
    latency is from the publish call to its delivery to the consumer's
    callback (the confirm is awaited too, but is not what is measured).
    Prints ``{"messages": N, "p50_ms": x, "p99_ms": y}`` (nearest-rank
    percentiles). Fails if a message is not delivered within T seconds
    (default 30). Anything else in Q (say, probes of an earlier run) is acked
    and ignored.

URL is an AMQP URL such as ``amqp://guest:guest@127.0.0.1:5672/%2f``.

Exit status: 0 with the JSON object on stdout; 1 when the broker cannot be
reached, refuses something (no such queue, an unroutable or nacked message)
or a delivery times out, with a message on stderr (the password is never
printed); 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import queue
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

try:
    import pika
    import pika.exceptions
    from pika.adapters.blocking_connection import BlockingChannel
except ImportError:  # pragma: no cover - depends on the machine
    print("pika_peer: pika is not installed (python3 -m pip install pika)", file=sys.stderr)
    sys.exit(1)

# Persistent messages (AMQP delivery_mode 2).
PERSISTENT = pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent)

# How often a waiting loop lets pika process frames, in seconds.
POLL_SECONDS = 0.05


class PeerError(Exception):
    """A failure to report on stderr before exiting with status 1."""


def redacted(url: str) -> str:
    """The URL without its password, to name the broker in messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=f"{user}{host}"))


def connect(url: str) -> pika.BlockingConnection:
    """Opens a blocking connection, or raises PeerError saying why it could not."""
    try:
        return pika.BlockingConnection(pika.URLParameters(url))
    except pika.exceptions.AMQPConnectionError as err:
        raise PeerError(f"cannot connect to {redacted(url)}: {connection_reason(err)}") from err
    except OSError as err:
        raise PeerError(f"cannot connect to {redacted(url)}: {err.strerror or err}") from err
    except ValueError as err:
        raise PeerError(f"invalid AMQP URL {redacted(url)}: {err}") from err


def connection_reason(err: pika.exceptions.AMQPConnectionError) -> str:
    """Why a connection could not be opened, from what pika wrapped in `err`."""
    cause: object = err
    if not isinstance(err, pika.exceptions.ConnectionClosed) and err.args:
        # A failed connection workflow holds its attempts; each wraps the real error.
        cause = (getattr(err.args[0], "exceptions", None) or err.args)[-1]
        cause = getattr(cause, "exception", cause)
    if isinstance(cause, pika.exceptions.AMQPError):
        return describe(cause)
    if isinstance(cause, OSError):
        return cause.strerror or str(cause)
    return str(cause) or type(cause).__name__


def publish(channel: BlockingChannel, queue_name: str, body: bytes) -> None:
    """Publishes one persistent, mandatory message and waits for its confirm."""
    try:
        channel.basic_publish(
            exchange="",
            routing_key=queue_name,
            body=body,
            properties=PERSISTENT,
            mandatory=True,
        )
    except pika.exceptions.UnroutableError as err:
        raise PeerError(f"message returned: no queue named {queue_name!r}") from err
    except pika.exceptions.NackError as err:
        raise PeerError(f"the broker nacked a message to {queue_name!r}") from err


def send(url: str, queue_name: str, count: int, body_size: int) -> dict[str, Any]:
    """The ``send`` subcommand: N confirmed publishes, one at a time."""
    body = b"x" * body_size
    connection = connect(url)
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        start = time.perf_counter()
        for _ in range(count):
            publish(channel, queue_name, body)
        seconds = time.perf_counter() - start
    finally:
        close(connection)
    return {"messages": count, "seconds": seconds}


def drain(url: str, queue_name: str, count: int, prefetch: int, timeout: float) -> dict[str, Any]:
    """The ``drain`` subcommand: consume and ack each delivery until N arrived."""
    received = 0
    last_ack = 0.0

    def on_message(channel: BlockingChannel, method: Any, _properties: Any, _body: bytes) -> None:
        nonlocal received, last_ack
        if received >= count:
            return  # Prefetched beyond N: left unacked, requeued on cancel.
        channel.basic_ack(delivery_tag=method.delivery_tag)
        received += 1
        last_ack = time.perf_counter()

    connection = connect(url)
    try:
        channel = connection.channel()
        channel.basic_qos(prefetch_count=prefetch)
        start = time.perf_counter()
        tag = channel.basic_consume(queue=queue_name, on_message_callback=on_message)
        idle_since, seen = time.monotonic(), 0
        while received < count:
            connection.process_data_events(time_limit=POLL_SECONDS)
            if received != seen:
                idle_since, seen = time.monotonic(), received
            elif time.monotonic() - idle_since > timeout:
                raise PeerError(
                    f"only {received} of {count} messages arrived from {queue_name!r} "
                    f"(nothing for {timeout:g} s)"
                )
        channel.basic_cancel(tag)
    finally:
        close(connection)
    return {"messages": count, "seconds": last_ack - start}


class LatencyConsumer(threading.Thread):
    """The latency consumer, on its own connection in its own thread.

    It hands the sequence number and latency (ns) of each probe of this run
    (`run_id`) to the publisher through a queue.
    """

    def __init__(self, url: str, queue_name: str) -> None:
        """A consumer of `queue_name` at `url`, not started yet."""
        super().__init__(name="pika-peer-consumer", daemon=True)
        self.url = url
        self.queue_name = queue_name
        self.run_id = uuid.uuid4().hex
        self.arrivals: queue.Queue[tuple[int, int]] = queue.Queue()
        self.ready = threading.Event()
        self.stopping = threading.Event()
        self.error: PeerError | None = None

    def run(self) -> None:
        """Consumes until `stopping` is set; a failure is kept in `error`."""
        try:
            connection = connect(self.url)
            try:
                channel = connection.channel()
                channel.basic_qos(prefetch_count=1)
                channel.basic_consume(queue=self.queue_name, on_message_callback=self.on_message)
                self.ready.set()
                while not self.stopping.is_set():
                    connection.process_data_events(time_limit=POLL_SECONDS)
            finally:
                close(connection)
        except PeerError as err:
            self.error = err
        except pika.exceptions.AMQPError as err:
            self.error = PeerError(f"consumer failed: {describe(err)}")
        finally:
            self.ready.set()

    def on_message(
        self, channel: BlockingChannel, method: Any, _properties: Any, body: bytes
    ) -> None:
        """Notes when a probe arrived; anything else is acked and ignored."""
        now = time.perf_counter_ns()
        channel.basic_ack(delivery_tag=method.delivery_tag)
        fields = body.decode("ascii", errors="replace").split(" ")
        if len(fields) != 3 or fields[0] != self.run_id:
            return
        try:
            sequence, sent = int(fields[1]), int(fields[2])
        except ValueError:
            return
        self.arrivals.put((sequence, now - sent))

    def wait_for(self, sequence: int, timeout: float) -> int:
        """The latency of probe `sequence`, skipping older arrivals."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                arrived, latency = self.arrivals.get(timeout=max(left, 0))
            except queue.Empty:
                if self.error is not None:
                    raise self.error from None
                raise PeerError(f"message {sequence} not delivered within {timeout:g} s") from None
            if arrived == sequence:
                return latency


def percentile(sorted_values: Sequence[int], p: float) -> int:
    """The nearest-rank p-th percentile of values sorted ascending."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def latency(url: str, queue_name: str, count: int, timeout: float) -> dict[str, Any]:
    """The ``latency`` subcommand: N probes, one in flight at a time."""
    consumer = LatencyConsumer(url, queue_name)
    consumer.start()
    try:
        latencies = probe(url, queue_name, count, timeout, consumer)
    finally:
        consumer.stopping.set()
        consumer.join()
    latencies.sort()
    return {
        "messages": count,
        "p50_ms": round(percentile(latencies, 50) / 1e6, 3),
        "p99_ms": round(percentile(latencies, 99) / 1e6, 3),
    }


def probe(
    url: str, queue_name: str, count: int, timeout: float, consumer: LatencyConsumer
) -> list[int]:
    """Publishes N probes one at a time, each once the one before arrived; their latencies."""
    consumer.ready.wait()
    if consumer.error is not None:
        raise consumer.error
    connection = connect(url)
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        latencies = []
        for sequence in range(count):
            body = f"{consumer.run_id} {sequence} {time.perf_counter_ns()}"
            publish(channel, queue_name, body.encode())
            latencies.append(consumer.wait_for(sequence, timeout))
        return latencies
    finally:
        close(connection)


def close(connection: pika.BlockingConnection) -> None:
    """Closes a connection, ignoring one that is already gone."""
    if connection.is_open:
        with contextlib.suppress(pika.exceptions.AMQPError):
            connection.close()


def describe(err: pika.exceptions.AMQPError) -> str:
    """A broker error in words: ``NOT_FOUND - no queue 'q' in vhost '/'``."""
    if isinstance(err, pika.exceptions.ChannelClosed | pika.exceptions.ConnectionClosed):
        return f"{err.reply_text} ({err.reply_code})"
    return str(err) or type(err).__name__


def positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per measurement."""
    top = argparse.ArgumentParser(
        prog="pika_peer.py",
        description="pika peer of the chat-tui broker benchmark; prints one JSON object.",
    )
    commands = top.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--url", required=True, help="AMQP URL of the broker")
        sub.add_argument("--queue", required=True, help="an existing queue")
        sub.add_argument("--count", required=True, type=positive, help="messages")
        return sub

    send_cmd = command("send", "publish N persistent, confirmed, mandatory messages")
    send_cmd.add_argument("--body-size", required=True, type=int, help="bytes per message")
    drain_cmd = command("drain", "consume and ack N messages")
    drain_cmd.add_argument("--prefetch", required=True, type=positive, help="basic_qos prefetch")
    latency_cmd = command("latency", "publish-to-delivery latency, one message at a time")
    for sub in (drain_cmd, latency_cmd):
        sub.add_argument(
            "--timeout", type=float, default=30.0, help="seconds to wait for a delivery"
        )
    return top


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Runs the subcommand that was asked for."""
    if args.command == "send":
        if args.body_size < 0:
            raise PeerError(f"--body-size must not be negative, got {args.body_size}")
        return send(args.url, args.queue, args.count, args.body_size)
    if args.command == "drain":
        return drain(args.url, args.queue, args.count, args.prefetch, args.timeout)
    return latency(args.url, args.queue, args.count, args.timeout)


def main(argv: Sequence[str] | None = None) -> int:
    """Parses the arguments, measures, prints the figures; returns the exit status."""
    args = parser().parse_args(argv)
    try:
        figures = run(args)
    except PeerError as err:
        print(f"pika_peer: {err}", file=sys.stderr)
        return 1
    except pika.exceptions.AMQPError as err:
        print(f"pika_peer: broker error on {redacted(args.url)}: {describe(err)}", file=sys.stderr)
        return 1
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
