"""Federation: SERVICE to the allow-listed fixture endpoint joins our pairings with its
populations; SERVICE to anything else is 403 before a connection is made (a canary counts)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from rdflib import Dataset, URIRef
from rdflib.namespace import OWL

from iucgraph.config import Settings, StoreSettings
from iucgraph.namespaces import ID_BASE, WD
from iucgraph.rdfio import quiet_rdflib
from iucgraph.store.embedded import EmbeddedStore
from iucgraph.web import create_app
from tests.wikidata_support import oxigraph_endpoint

DATA = Path(__file__).parent / "data" / "linked" / "small.trig"
JSON = {"Accept": "application/sparql-results+json"}


class Canary(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).hits += 1
        self.send_response(200)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def canary() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FlaskClient, str]]:
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(DATA, format="trig")
    haikou = URIRef(ID_BASE + "city/cn/haikou")
    ds.add((haikou, OWL.sameAs, WD.Q189823, URIRef(ID_BASE + "source/test-links")))  # type: ignore[arg-type]
    with oxigraph_endpoint(tmp_path_factory.mktemp("fed")) as url:
        st = StoreSettings(service_allow_list=(url,), load_on_start=False, query_timeout=20)
        store = EmbeddedStore(ds, settings=st)
        yield create_app(Settings(store=st), store=store).test_client(), url
        store.close()


FEDERATED = """PREFIX iuc: <https://w3id.org/iucgraph/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?pairing ?pop WHERE {
  ?pairing iuc:partnerCity ?city . ?city owl:sameAs ?item .
  FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/"))
  SERVICE <%s> { ?item wdt:P1082 ?pop }
}"""


def test_federated_join_with_the_allow_listed_endpoint(client: tuple[FlaskClient, str]) -> None:
    app, url = client
    resp = app.get("/sparql", query_string={"query": FEDERATED % url}, headers=JSON)
    assert resp.status_code == 200, resp.data
    rows = resp.get_json()["results"]["bindings"]
    assert [(r["pairing"]["value"], r["pop"]["value"]) for r in rows] == [
        (ID_BASE + "pairing/haikou-nice", "2873358")
    ]


@pytest.mark.parametrize(
    "target",
    ["CANARY", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"],
)
def test_a_service_not_listed_is_403_before_any_connection(
    client: tuple[FlaskClient, str], canary: str, target: str
) -> None:
    app, _ = client
    Canary.hits = 0
    query = FEDERATED % (canary if target == "CANARY" else target)
    for silent in (False, True):
        text = query.replace("SERVICE <", "SERVICE SILENT <") if silent else query
        resp = app.get("/sparql", query_string={"query": text}, headers=JSON)
        assert resp.status_code == 403
    assert Canary.hits == 0
