"""The three report tables a pandas user would compute from the 903 CSVs, for the benchmark's
comparison: children looked after at 31 March by age band, children who started by age band on
starting, children who ceased by reason of their last ceasing (short breaks left out), every year
folder of DATA_DIR. Prints {"ms": wall time, "tables": {year: {table: {key: n}}}} as JSON."""
import json
import os
import sys
import time

import pandas as pd

BANDS = [(0, 1, "under-1"), (1, 5, "1-4"), (5, 10, "5-9"), (10, 16, "10-15"), (16, 200, "16-over")]


def band(age):
    for lo, hi, name in BANDS:
        if lo <= age < hi:
            return name
    return "unknown"


def whole_years(dob, on):
    """Whole years from dob to the day `on` (a birthday on `on` counts)."""
    before = (dob.dt.month > on.month) | ((dob.dt.month == on.month) & (dob.dt.day > on.day)) if not hasattr(on, "dt") else (
        (dob.dt.month > on.dt.month) | ((dob.dt.month == on.dt.month) & (dob.dt.day > on.dt.day)))
    year = on.year if not hasattr(on, "dt") else on.dt.year
    return year - dob.dt.year - before.astype(int)


def tables(folder, year):
    ep = pd.read_csv(os.path.join(folder, "episodes.csv"), dtype=str, keep_default_na=False)
    hd = pd.read_csv(os.path.join(folder, "header.csv"), dtype=str, keep_default_na=False)
    ep.columns = [c.strip().upper() for c in ep.columns]
    hd.columns = [c.strip().upper() for c in hd.columns]
    for c in ("DECOM", "DEC"):
        ep[c] = pd.to_datetime(ep[c].replace("", None), format="%d/%m/%Y")
    hd["DOB"] = pd.to_datetime(hd["DOB"], format="%d/%m/%Y")
    ep = ep[~ep["LS"].isin(["V3", "V4"])]
    start, end = pd.Timestamp(year - 1, 4, 1), pd.Timestamp(year, 3, 31)

    open_ = ep[(ep["DECOM"] <= end) & (ep["DEC"].isna() | (ep["DEC"] > end))][["CHILD"]].drop_duplicates()
    cla = open_.merge(hd[["CHILD", "DOB"]].drop_duplicates("CHILD"), on="CHILD")
    cla_age = whole_years(cla["DOB"], end).map(band).value_counts().to_dict()

    st = ep[(ep["RNE"] == "S") & (ep["DECOM"] >= start) & (ep["DECOM"] <= end)].sort_values("DECOM").drop_duplicates("CHILD")
    st = st.merge(hd[["CHILD", "DOB"]].drop_duplicates("CHILD"), on="CHILD")
    starters = whole_years(st["DOB"], st["DECOM"]).map(band).value_counts().to_dict()

    ce = ep[(ep["DEC"] >= start) & (ep["DEC"] <= end) & (ep["REC"] != "X1")].sort_values("DEC").drop_duplicates("CHILD", keep="last")
    ceased = ce["REC"].value_counts().to_dict()
    return {"age": cla_age, "starters": starters, "reasons-ceased": ceased}


def main():
    data = sys.argv[1]
    t0 = time.perf_counter()
    out = {}
    for name in sorted(os.listdir(data)):
        if name.isdigit() and len(name) == 4:
            out[name] = tables(os.path.join(data, name), int(name))
    ms = round((time.perf_counter() - t0) * 1000, 1)
    print(json.dumps({"ms": ms, "tables": {y: {t: {k: int(v) for k, v in c.items()} for t, c in ts.items()} for y, ts in out.items()}}))


main()
