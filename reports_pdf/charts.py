"""The report's charts and maps as SVG (vector: sharp when printed), drawn with matplotlib and geopandas.

They draw only what they are given (the selectors read the database, as at the report's instant), and write
their numbers with the one rounding rule of workflow.figures_format, as the text and the bars do.
"""

import base64
import io

from geoportal.progress import PROGRESS_COLOURS, PROGRESS_LABELS, STATUS_PROGRESS
from workflow.figures_format import percent_rounded, percent_text

UTM_49S = 32749  # metres, so that the scale bar is honest


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "none"})
    return plt


def _svg(fig) -> str:
    """The figure as an SVG data URI: WeasyPrint draws it as vector graphics through <img>."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None}, dpi=200)
    _pyplot().close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def share_chart(opds) -> str:
    """Share of reports resolved within target, per OPD (horizontal bars): every OPD the table lists, a dash for one
    with no share (no dispatch whose outcome is known)."""
    plt = _pyplot()
    rows = list(opds)
    fig, ax = plt.subplots(figsize=(6.6, 0.28 * max(len(rows), 3) + 0.6))
    names = [o.code for o in rows][::-1]
    # The bar is as long as the percentage written next to it (and coloured by it).
    shares = [percent_rounded(o.resolution_share) for o in rows][::-1]
    lengths = [s or 0 for s in shares]
    colours = ["#2e7d32" if s >= 80 else "#f9a825" if s >= 60 else "#c62828" for s in lengths]
    bars = ax.barh(names, lengths, color=colours)
    ax.bar_label(bars, labels=["–" if s is None else f"{s}%" for s in shares], padding=2, fontsize=7)
    ax.set_xlim(0, 110)
    ax.set_xlabel("Selesai sesuai target (%)")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def trend_chart(trend: list[dict]) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.6, 2.2))
    positions = list(range(len(trend)))
    ax.plot(positions, [t["received"] for t in trend], marker="o", color="#0d47a1", label="Diterima")
    ax.plot(positions, [t["resolved"] for t in trend], marker="o", color="#2e7d32", label="Selesai ditangani")
    ax.set_xticks(positions, [t["label"] for t in trend])
    ax.legend(frameon=False, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelrotation=45)
    return _svg(fig)


def _kecamatan_frame(rows: list[tuple[str, str, bytes]]):
    """(kode, nama, WKB in EPSG:4326) rows (geoportal.selectors.areas.kecamatan_shapes) as a frame in metres."""
    import geopandas as gpd
    from shapely import wkb

    return gpd.GeoDataFrame(
        {"kode": [r[0] for r in rows], "nama": [r[1] for r in rows]},
        geometry=[wkb.loads(bytes(r[2])) for r in rows],
        crs=4326,
    ).to_crs(UTM_49S)


def _map_furniture(ax, frame) -> None:
    """North arrow and a 10 km scale bar, placed from the map's own extent."""
    xmin, ymin, xmax, ymax = frame.total_bounds
    ax.annotate(
        "U",
        xy=(xmax - 0.04 * (xmax - xmin), ymax - 0.02 * (ymax - ymin)),
        xytext=(xmax - 0.04 * (xmax - xmin), ymax - 0.12 * (ymax - ymin)),
        arrowprops={"arrowstyle": "-|>", "color": "#1c2430", "lw": 1.2},
        ha="center",
        fontsize=9,
        fontweight="bold",
    )
    x0, y0 = xmin + 0.03 * (xmax - xmin), ymin + 0.03 * (ymax - ymin)
    from matplotlib.patches import Rectangle

    for i in range(2):
        ax.add_patch(
            Rectangle(
                (x0 + i * 5000, y0), 5000, 700, facecolor="#1c2430" if i == 0 else "white", edgecolor="#1c2430", lw=0.6
            )
        )
    ax.text(x0, y0 + 1100, "0", fontsize=6.5, ha="center")
    ax.text(x0 + 10000, y0 + 1100, "10 km", fontsize=6.5, ha="center")
    ax.set_axis_off()


def choropleth(kecamatan_rows, shapes: list[tuple[str, str, bytes]]) -> str:
    """Reports received per kecamatan, with the follow-up rate written on each."""
    plt = _pyplot()
    frame = _kecamatan_frame(shapes)
    by_name = {row.name: row for row in kecamatan_rows}
    frame["received"] = [by_name[n].received if n in by_name else 0 for n in frame["nama"]]
    fig, ax = plt.subplots(figsize=(6.4, 6.4))
    frame.plot(
        column="received",
        cmap="Blues",
        linewidth=0.6,
        edgecolor="#0d47a1",
        ax=ax,
        legend=True,
        legend_kwds={"label": "Laporan diterima", "shrink": 0.55},
    )
    for _index, row in frame.iterrows():
        point = row.geometry.representative_point()
        rate = by_name.get(row.nama).follow_up_rate if row.nama in by_name else None
        text = f"{row.nama}\n{row.received}" + (f" · {percent_text(rate)}" if rate is not None else "")
        ax.text(
            point.x,
            point.y,
            text,
            ha="center",
            va="center",
            fontsize=6.2,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
        )
    _map_furniture(ax, frame)
    return _svg(fig)


def points_map(*, points: list[tuple[float, float, str]], shapes: list[tuple[str, str, bytes]]) -> str:
    """Reports as points coloured by the status given ((lon, lat, status): workflow.selectors.statuses_at, the
    status as at the report's instant), over the kecamatan."""
    import geopandas as gpd
    from shapely.geometry import Point

    plt = _pyplot()
    frame = _kecamatan_frame(shapes)
    fig, ax = plt.subplots(figsize=(6.4, 6.4))
    frame.plot(ax=ax, facecolor="#f4f6f8", edgecolor="#0d47a1", linewidth=0.5)
    if points:
        points = gpd.GeoDataFrame(
            {"group": [STATUS_PROGRESS.get(status, "waiting") for _x, _y, status in points]},
            geometry=[Point(x, y) for x, y, _status in points],
            crs=4326,
        ).to_crs(UTM_49S)
        for group, colour in PROGRESS_COLOURS.items():
            subset = points[points["group"] == group]
            if len(subset):
                # Points as a raster inside the vector map: 50,000 SVG circles would slow the PDF to minutes.
                label = f"{PROGRESS_LABELS[group]} ({len(subset)})"
                subset.plot(ax=ax, color=colour, markersize=4, label=label, rasterized=True)
        ax.legend(loc="lower right", fontsize=7, frameon=False)
    _map_furniture(ax, frame)
    return _svg(fig)
