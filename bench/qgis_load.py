"""Loading one OPD's reports into QGIS through the plugin's core: API paging, memory layer + style, one render.

    QT_QPA_PLATFORM=offscreen .venv-qgis/bin/python bench/qgis_load.py BASE_URL [USER] [PASSWORD] [PAGE_SIZE]

Signs in (default: opd-pupr, one OPD's officer; `pimpinan` sees every report), loads every report the account may
see, renders the layer once at 1600x1000 (what the canvas draws after a load), and prints time and memory.
A benchmark, not a test.
"""

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "qgis_plugin"))

from qgis.core import QgsApplication  # noqa: E402

app = QgsApplication([], False)
app.initQgis()

from lapor_trenggalek.core.api import ApiClient  # noqa: E402
from lapor_trenggalek.core.layers import reports_layer  # noqa: E402
from qgis.core import QgsMapRendererParallelJob, QgsMapSettings  # noqa: E402
from qgis.PyQt.QtCore import QSize  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
user = sys.argv[2] if len(sys.argv) > 2 else "opd-pupr"
password = sys.argv[3] if len(sys.argv) > 3 else "trenggalek-demo"
page_size = int(sys.argv[4]) if len(sys.argv) > 4 else 2000  # the dock's page size
client = ApiClient(base, timeout_ms=120000)
client.obtain_token(user, password)
before = rss_mb()
start = time.perf_counter()
features = client.reports({}, page_size=page_size)
fetched = time.perf_counter()
layer = reports_layer(features)
built = time.perf_counter()
settings = QgsMapSettings()
settings.setLayers([layer])
settings.setExtent(layer.extent())
settings.setOutputSize(QSize(1600, 1000))
job = QgsMapRendererParallelJob(settings)
job.start()
job.waitForFinished()
rendered = time.perf_counter()
pages = -(-len(features) // page_size)
print(
    f"{user}: {layer.featureCount():,} reports: fetch {fetched - start:.2f} s ({pages} pages of {page_size:,}), "
    f"layer + style {built - fetched:.2f} s, first render {rendered - built:.2f} s, total {rendered - start:.2f} s; "
    f"peak memory {rss_mb():.0f} MB ({rss_mb() - before:.0f} MB more than before loading)"
)
del layer
app.exitQgis()
