"""Each service's migrations build exactly the schema its models declare."""

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData

from qplatform.db.engine import make_engine
from qplatform.db.migrate import declared_or_postgresql_only
from qplatform.db.types import render_item
from qplatform.services import SERVICES


def _metadata(service: str) -> MetaData:
    storage = importlib.import_module(f"{service}.adapters.storage")
    metadata: MetaData = storage.METADATA
    return metadata


def _drift(url: str, metadata: MetaData) -> list[Any]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "render_item": render_item,
                    "include_object": declared_or_postgresql_only(metadata),
                },
            )
            found = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    # Other tests make scratch tables in the suite's shared databases; they are not drift.
    return [diff for diff in found if not (isinstance(diff, tuple) and diff[0] == "remove_table")]


@pytest.mark.parametrize("service", SERVICES)
def test_the_migrated_database_has_every_table_column_and_index_the_models_declare(
    service: str, fresh_database: Callable[[str, str], str], database_backend: str
) -> None:
    url = fresh_database(service, database_backend)

    assert _drift(url, _metadata(service)) == []
