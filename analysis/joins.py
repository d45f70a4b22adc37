"""Members joined per region per month, against each recruitment wave's target.

    python -m analysis.joins [FOLDER]      # FOLDER of replayed files, analysis/data by default

Reads member-joined (membership.member) and recruitment-wave-scheduled
(membership.recruitment-wave); writes the chart to analysis/joins_by_wave.png.
"""

import sys
from pathlib import Path

import duckdb

from analysis.load import connect, folder_argument, present

CHART = Path(__file__).with_name("joins_by_wave.png")

JOINS_PER_REGION_MONTH = """
SELECT data->>'region' AS region,
       strftime(date_trunc('month', (data->>'joined_at')::TIMESTAMPTZ), '%Y-%m') AS month,
       count(*) AS joined
FROM events WHERE type = 'member-joined'
GROUP BY ALL ORDER BY month, region
"""

# A wave's target covers all its regions; joins count while the wave is open.
JOINS_PER_WAVE = """
WITH waves AS (
    SELECT data->>'name' AS wave, (data->>'target')::INTEGER AS target,
           (data->>'opens_on')::DATE AS opens_on, (data->>'closes_on')::DATE AS closes_on,
           unnest(from_json(data->'regions', '["VARCHAR"]')) AS region
    FROM events WHERE type = 'recruitment-wave-scheduled'
), joins AS (
    SELECT data->>'region' AS region, (data->>'joined_at')::TIMESTAMPTZ::DATE AS day
    FROM events WHERE type = 'member-joined'
)
SELECT wave, string_agg(DISTINCT waves.region, ', ') AS regions, any_value(target) AS target,
       count(day) AS joined,
       round(100.0 * count(day) / any_value(target), 1)::DOUBLE AS pct_of_target
FROM waves LEFT JOIN joins
  ON joins.region = waves.region AND joins.day BETWEEN opens_on AND closes_on
GROUP BY wave ORDER BY wave
"""


def joins_per_region_month(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """Return (region, month, members joined), oldest month first."""
    return [tuple(row) for row in con.execute(JOINS_PER_REGION_MONTH).fetchall()]  # type: ignore[misc]


def joins_per_wave(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int, int, float]]:
    """Return (wave, regions, target, joined while open, % of target) for every wave."""
    return [tuple(row) for row in con.execute(JOINS_PER_WAVE).fetchall()]  # type: ignore[misc]


def draw(waves: list[tuple[str, str, int, int, float]], path: Path = CHART) -> None:
    """Draw joined against target for each wave as a bar chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [w[0] for w in waves]
    positions = range(len(waves))
    figure, axes = plt.subplots(figsize=(8, 4.5))
    axes.barh([p + 0.2 for p in positions], [w[2] for w in waves], 0.4, label="target")
    axes.barh([p - 0.2 for p in positions], [w[3] for w in waves], 0.4, label="joined")
    axes.set_yticks(list(positions), names)
    axes.set_xlabel("members")
    axes.set_title("Members joined while each wave was open, against its target")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(figure)


def main(argv: list[str] | None = None) -> None:
    """Print joins per region per month and per wave, and draw the chart."""
    con = connect(folder_argument(sys.argv[1:] if argv is None else argv))
    present(con, "member-joined", "recruitment-wave-scheduled")
    print("region                     month    joined")
    for region, month, joined in joins_per_region_month(con):
        print(f"{region:<26} {month}  {joined:>6}")
    waves = joins_per_wave(con)
    print("\nwave                               target  joined  % of target")
    for wave, _, target, joined, pct in waves:
        print(f"{wave:<34} {target:>6}  {joined:>6}  {pct:>10}")
    if waves:
        draw(waves)
        print(f"\nchart: {CHART}")


if __name__ == "__main__":
    main()
