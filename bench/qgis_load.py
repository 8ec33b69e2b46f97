"""Time to load N reports into QGIS through the plugin's core (API paging + memory layer + style).

    QT_QPA_PLATFORM=offscreen .venv-qgis/bin/python bench/qgis_load.py BASE_URL [USER] [PASSWORD]

Signs in (default: pimpinan, who sees every report), loads every report the account may see, and prints the time
spent fetching and building the layer. A benchmark, not a test.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "qgis_plugin"))

from qgis.core import QgsApplication  # noqa: E402

app = QgsApplication([], False)
app.initQgis()

from lapor_trenggalek.core.api import ApiClient  # noqa: E402
from lapor_trenggalek.core.layers import reports_layer  # noqa: E402

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
user = sys.argv[2] if len(sys.argv) > 2 else "pimpinan"
password = sys.argv[3] if len(sys.argv) > 3 else "trenggalek-demo"
client = ApiClient(base)
client.obtain_token(user, password)
start = time.perf_counter()
features = client.reports({}, page_size=5000)
fetched = time.perf_counter()
layer = reports_layer(features)
built = time.perf_counter()
print(
    f"{layer.featureCount():,} reports: fetch {fetched - start:.2f} s ({-(-len(features) // 5000)} pages of 5,000), "
    f"layer + style {built - fetched:.2f} s, total {built - start:.2f} s"
)
del layer
app.exitQgis()
