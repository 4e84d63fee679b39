"""A word's usual doubt: the table builder (training/garble/usual_doubt.py) on a tiny input, the
table copylint reads (garble.UsualDoubt) and its fall-back when a model directory has none."""
import sys
from pathlib import Path

from copylint.checks import garble

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training" / "garble"))
import usual_doubt  # noqa: E402

#: a tiny Zipf table: two bands (3.0 and 5.0)
ZIPF = {"vexation": 3.1, "foreshadowed": 3.2, "mud": 3.3, "once": 3.4, "house": 5.2, "road": 5.3}.get


def _pairs():
    # vexation: doubted wherever it stands; mud: usually not; house and road: common, rarely doubted
    rows = [("vexation", 1.0), ("vexation", 1.4), ("vexation", 0.6), ("vexation", 1.2),
            ("mud", -5.0), ("mud", -4.6), ("mud", -5.4), ("once", -1.0),
            ("foreshadowed", 0.4), ("foreshadowed", 0.0),
            ("house", -7.0), ("house", -6.8), ("road", -6.0), ("road", -6.4)]
    return iter(rows)


def test_the_builder_keeps_each_word_s_mean_shrunk_toward_its_band():
    stats = usual_doubt.collect(_pairs())
    assert stats["vexation"][0] == 4 and abs(stats["vexation"][1] - 4.2) < 1e-9
    bands = usual_doubt.bands(stats, ZIPF)
    assert set(bands) == {3.0, 5.0}
    mu, k = bands[3.0]
    assert abs(mu - sum(d for w, d in _pairs() if ZIPF(w) < 4) / 10) < 1e-9
    assert usual_doubt.K_MIN <= k <= usual_doubt.K_MAX
    table = usual_doubt.usual(stats, bands, ZIPF)
    # each usual doubt lies between the word's own mean and its band's, nearer its own the more reads
    for w, own in (("vexation", 1.05), ("mud", -5.0), ("once", -1.0)):
        n, u = table[w]
        assert min(own, mu) <= u <= max(own, mu)
    assert table["vexation"][1] > table["foreshadowed"][1] > mu > table["mud"][1]
    w = table["once"][0] / (table["once"][0] + k)
    assert abs(table["once"][1] - (w * -1.0 + (1 - w) * mu)) < 1e-9


def test_the_table_is_byte_reproducible_and_read_back_by_copylint():
    text = usual_doubt.render(usual_doubt.collect(_pairs()), ZIPF, "abc123", "a test")
    assert text == usual_doubt.render(usual_doubt.collect(_pairs()), ZIPF, "abc123", "a test")
    table = garble.UsualDoubt(text)
    assert table.model == "abc123"
    n, u = table.get("vexation", ZIPF("vexation"))
    assert n == 4 and u > 0
    # a word read once is left out of the file: it falls back to its band's mean, as an unseen one
    band3 = table.get("unheard", 3.7)
    assert band3[0] == 0 and table.get("once", ZIPF("once")) == band3
    assert table.get("unheard", 5.9)[1] < band3[1]  # the common band is doubted less
    assert table.get("unheard", 1.0)[0] == 0  # below every band: the nearest band's mean


def test_a_model_directory_without_a_table_falls_back_to_the_calibration_s_bands(tmp_path, monkeypatch):
    text = usual_doubt.render(usual_doubt.collect(_pairs()), ZIPF, "abc123", "a test")
    bands = garble.UsualDoubt(text).as_bands()
    monkeypatch.setattr(garble, "combiner", lambda: {"usual": bands})
    garble.usual_doubt.cache_clear()
    try:
        empty = garble.usual_doubt(str(tmp_path))
        assert empty.words == {}
        assert empty.get("vexation", 3.1) == garble.UsualDoubt(text).get("unheard", 3.1)
        (tmp_path / garble.USUAL_FILE).write_text(text, encoding="utf-8")
        garble.usual_doubt.cache_clear()
        assert garble.usual_doubt(str(tmp_path)).get("vexation", 3.1)[0] == 4
        # a calibration without bands (every one before session 11): the features are zeros, unread
        monkeypatch.setattr(garble, "combiner", lambda: {})
        garble.usual_doubt.cache_clear()
        assert garble.usual_doubt(str(tmp_path / "none")).get("vexation", 3.1) == (0, 0.0)
    finally:
        garble.usual_doubt.cache_clear()


def test_the_combiner_reads_the_features_its_calibration_names():
    from copylint.checks.garble import BASE_FEATURES, FEATURES, Candidate, doubt

    feats = [0.0] * len(FEATURES)
    feats[FEATURES.index("excess")] = 2.0
    c = Candidate(None, None, feats)
    base = {"features": list(BASE_FEATURES), "mean": [0.0] * 12, "scale": [1.0] * 12, "coef": [1.0] * 12,
            "intercept": 0.0}
    doubt([c], base)
    assert c.p == 0.5  # the twelve read zeros: excess is not among them
    doubt([c], {"features": ["excess"], "mean": [0.0], "scale": [1.0], "coef": [1.0], "intercept": 0.0})
    assert abs(c.p - 1 / (1 + 2.718281828459045 ** -2)) < 1e-9
