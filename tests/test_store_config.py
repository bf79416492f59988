"""Store settings: safe defaults, a TOML file, overrides, and the store each location opens."""

import pytest

from iucgraph.config import Settings, StoreSettings, as_settings, load_settings
from iucgraph.errors import InputError
from iucgraph.store.embedded import EmbeddedStore
from iucgraph.store.factory import open_store
from iucgraph.store.remote import RemoteStore


def test_defaults_are_the_safe_choice():
    store = Settings().store
    assert store.kind == "memory" and not store.writable
    assert store.query_timeout == 10.0 and store.row_cap == 10_000
    assert store.service_allow_list == ()


def test_toml_file_then_overrides(tmp_path):
    config = tmp_path / "iucgraph.toml"
    config.write_text(
        '[store]\nlocation = "http://127.0.0.1:7878/query"\nquery-timeout = 3\n'
        'service_allow_list = ["http://127.0.0.1:9/sparql"]\n',
        encoding="utf-8",
    )
    settings = load_settings(config, query_timeout=5.0, location=None)
    assert settings.store.kind == "remote" and settings.store.query_timeout == 5.0
    assert settings.store.service_allow_list == ("http://127.0.0.1:9/sparql",)
    config.write_text("[store]\nrow_kap = 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="row_kap"):
        load_settings(config)


def test_each_location_opens_its_back_end(tmp_path):
    assert isinstance(open_store(None), EmbeddedStore)
    on_disk = open_store({"store": str(tmp_path / "db"), "PORT": 8000})
    assert isinstance(on_disk, EmbeddedStore) and (tmp_path / "db" / "CURRENT").exists()
    on_disk.close()
    remote = open_store(StoreSettings(location="http://127.0.0.1:1/query"))
    assert isinstance(remote, RemoteStore)
    assert as_settings({"write_token": "t"}).store.writable
