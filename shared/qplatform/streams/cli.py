"""qp-streams: list the event streams, tail one with filters, or replay one into a file.

It reads only public topics, under no consumer group or under its own (`qp-streams.NAME`),
so it never moves a service's offsets. It signs in as the analysts' principal, which the
broker lets read the public topics and nothing else.
"""

import argparse
import json
import re
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kafka.errors import KafkaError

from qplatform.config import Settings
from qplatform.messaging.acls import ANALYSTS
from qplatform.messaging.security import client_security
from qplatform.streams.access import StreamRefused, group_id, public_stream
from qplatform.streams.files import FORMATS, open_event_file
from qplatform.streams.listing import list_streams
from qplatform.streams.reading import EventFilter, Reader

RELATIVE = re.compile(r"^(\d+)([smhd])$")
UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_time(text: str) -> datetime:
    """Parse an RFC 3339 time or date (UTC if no offset), or `7d`/`12h`/`30m` ago."""
    relative = RELATIVE.match(text)
    if relative:
        return datetime.now(UTC) - timedelta(**{UNITS[relative[2]]: int(relative[1])})
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def tail(args: argparse.Namespace, reader: Reader) -> None:
    """Print wanted events as JSON Lines as they arrive."""
    events = reader.tail(_filter(args), from_beginning=args.from_beginning)
    for shown, event in enumerate(events, start=1):
        print(json.dumps(event, sort_keys=True), flush=True)
        if args.limit and shown >= args.limit:
            return


def replay(args: argparse.Namespace, reader: Reader) -> None:
    """Write the wanted events of a topic, up to its current end, to a file."""
    from tqdm import tqdm

    event_format = args.format or args.output.suffix.lstrip(".")
    if event_format not in FORMATS:
        raise StreamRefused(f"unknown format {event_format!r}; use one of {', '.join(FORMATS)}")
    total = reader.total(args.since)
    out = open_event_file(args.output, event_format)
    written = 0
    try:
        with tqdm(total=total, unit="record", file=sys.stderr) as bar:
            for event in reader.replay(_filter(args), on_progress=bar.update):
                out.write(event)
                written += 1
    finally:
        out.close()
    print(
        f"replayed {written} event(s) from {reader.stream.address} to {args.output}",
        file=sys.stderr,
    )


def _filter(args: argparse.Namespace) -> EventFilter:
    return EventFilter(types=frozenset(args.type or ()), subject=args.subject, since=args.since)


def parser(settings: Settings) -> argparse.ArgumentParser:
    """Build the command line, with defaults from `settings`."""
    root = argparse.ArgumentParser(prog="qp-streams", description=__doc__)
    root.add_argument("--bootstrap", default=settings.kafka_bootstrap, help="Kafka brokers")
    root.add_argument("--prefix", default=settings.topic_prefix, help="topic name prefix")
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list topics and event types, from the catalog and broker")
    for name in ("tail", "replay"):
        command = commands.add_parser(name, help=f"{name} a public topic")
        command.add_argument("topic", help="e.g. membership.member")
        command.add_argument("--type", action="append", help="keep only this event type")
        command.add_argument("--subject", help="keep only events about this aggregate id")
        command.add_argument("--since", type=parse_time, help="RFC 3339 time, date, or 7d")
        command.add_argument("--group", help="read as consumer group qp-streams.GROUP")
    tail_command = commands.choices["tail"]
    tail_command.add_argument("--from-beginning", action="store_true")
    tail_command.add_argument("--limit", type=int, help="stop after this many events")
    replay_command = commands.choices["replay"]
    replay_command.add_argument("--output", "-o", type=Path, required=True)
    replay_command.add_argument("--format", choices=FORMATS, help="default: from the suffix")
    return root


def main(argv: Sequence[str] | None = None) -> None:
    """Run one qp-streams command."""
    settings = Settings.from_env(ANALYSTS)
    args = parser(settings).parse_args(argv)
    security = client_security(settings)
    try:
        if args.command == "list":
            list_streams(args.bootstrap, args.prefix, security)
            return
        stream = public_stream(args.topic, args.prefix)
        reader = Reader(stream, args.bootstrap, group=group_id(args.group), security=security)
        try:
            (tail if args.command == "tail" else replay)(args, reader)
        finally:
            reader.close()
    except (StreamRefused, LookupError, KafkaError) as error:
        sys.exit(f"qp-streams: {error}")
    except KeyboardInterrupt:
        sys.exit(130)
