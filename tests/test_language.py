"""An article in another language than English: told by its function words or its script, checked
by the rules that read no English only, and the user told so; English copy, a foreign quotation in
it, a short text and a table of results are never taken for another language."""
import json

from conftest import run_cli
from copylint.engine import Linter
from copylint.language import name, other_language
from copylint.rule import all_rules

ITALIAN = (
    "Il consiglio comunale ha deciso martedì di chiudere quattordici delle sue trentuno biblioteche "
    "pubbliche. Secondo il sindaco, la decisione è stata dolorosa ma necessaria, perché il comune ha "
    "perso gran parte dei fondi che riceveva dallo Stato negli ultimi anni. I cittadini che si sono "
    "riuniti davanti al municipio hanno detto che la chiusura colpirà soprattutto i quartieri più "
    "poveri della città.\n")
SPANISH = (
    "El gobierno anunció el lunes un nuevo plan para reducir las listas de espera en los hospitales "
    "públicos. Según el ministro de Sanidad, el plan costará unos dos mil millones de euros y se "
    "aplicará durante los próximos tres años en todas las comunidades autónomas del país, que "
    "tendrán que presentar sus propias propuestas antes del verano.\n")
RUSSIAN = (
    "Городской совет во вторник проголосовал за закрытие четырнадцати из тридцати одной публичной "
    "библиотеки. По словам мэра, решение было болезненным, но неизбежным: город потерял значительную "
    "часть финансирования из федерального бюджета.\n")
ENGLISH = (
    "The city council voted on Tuesday to close 14 of its 31 public libraries, saying the cuts would "
    "save money. Councillor Jane Whitmore, who chairs the finance committee, said the decision was "
    "painful but unavoidable, and that the council had lost much of its central funding since 2019.\n")


def test_other_languages_are_told_by_their_function_words_or_their_script():
    assert other_language(ITALIAN) == "it" and name("it") == "Italian"
    assert other_language(SPANISH) == "es"
    assert other_language(RUSSIAN) == "Cyrillic" and name("Cyrillic") == "Cyrillic script"


def test_english_a_foreign_quotation_a_short_text_and_a_table_are_not_taken_for_another_language():
    assert other_language(ENGLISH) is None
    quoting = ENGLISH + '"Es una decisión muy triste para todos nosotros", dijo una vecina.\n' + ENGLISH
    assert other_language(quoting) is None
    assert other_language("Die Hard star Bruce Willis retires from acting.") is None  # too short
    table = "\n".join(f"Viera {i}, Melbourne Central Catholic {i + 2}; Satellite {i}, Rockledge {i + 1}"
                      for i in range(8))
    assert other_language(table) is None  # no language's function words: left as English


def test_an_article_in_another_language_is_checked_by_the_rules_that_read_no_english_only(tmp_path):
    text = ITALIAN.replace("deciso martedì", "deciso  martedì") + "\n" + ITALIAN.replace("Il ", "Il il ", 1)
    path = tmp_path / "articolo.txt"
    path.write_text(text, encoding="utf-8")
    [res] = Linter(isolated=True).check_paths([str(path)])
    rules = {f.rule for f in res.findings}
    assert "double-space" in rules  # a slip in any language
    assert rules <= {r.id for r in all_rules().values() if r.any_language}, rules
    assert "reads as Italian, not English" in res.notice
    # the same slips in English copy: the English rules run as before
    english = tmp_path / "article.txt"
    english.write_text(ENGLISH.replace("The city", "The the city").replace("voted on", "voted  on"),
                       encoding="utf-8")
    [res] = Linter(isolated=True).check_paths([str(english)])
    assert {"double-space", "repeated-word"} <= {f.rule for f in res.findings} and not res.notice


def test_the_command_line_tells_the_user_which_language_it_read(tmp_path):
    path = tmp_path / "articolo.txt"
    path.write_text(ITALIAN, encoding="utf-8")
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--format", "json", str(path)])
    assert code == 0 and json.loads(out)["summary"]["findings"] == 0
    assert "articolo.txt: reads as Italian, not English" in err and "Traceback" not in err


# --- a paragraph in another language inside English copy (session 13) -------------------------
from copylint.config import Config  # noqa: E402
from copylint.language import block_language, english_block  # noqa: E402

OPENING = ("The city council voted on Tuesday to close 14 of its 31 public libraries, saying the cuts would "
           "save money. Councillor Jane Whitmore, who chairs the finance committee, said the decision was "
           "painful but unavoidable.\n\n")
QUOTED_SPANISH = ('"Es una decisión muy triste para todos nosotros, porque la biblioteca era el único lugar del '
                  'barrio donde los niños podían estudiar por la tarde", dijo una vecina.\n\n')
QUOTED_FRENCH = ("« Nous avons appris la nouvelle par la presse, sans aucune concertation avec les habitants du "
                 "quartier, et nous allons contester cette décision devant le tribunal », a déclaré le président "
                 "de l'association.\n\n")
CLOSING = ("The library on Mill Road, which opened in 1952, will close in March. Residents said they had "
           "recieved no warning of the plan.\n")
MIXED = OPENING + QUOTED_SPANISH + QUOTED_FRENCH + CLOSING


def _spelling(text: str, setting: str = "on") -> list[tuple[int, str]]:
    findings = Linter(config=Config(language_check=setting)).check_text(text)
    lines = text.splitlines()
    return [(f.line, lines[f.line - 1][f.column - 1:f.end_column - 1]) for f in findings if f.rule == "misspelling"]


def test_a_spanish_or_french_paragraph_in_english_copy_gets_no_spelling_findings():
    assert block_language(QUOTED_SPANISH) == "es" and block_language(QUOTED_FRENCH) == "fr"
    # the English paragraphs keep theirs; with the check off, the quoted words are "misspelt"
    assert _spelling(MIXED) == [(7, "recieved")]
    off = _spelling(MIXED, "off")
    assert (7, "recieved") in off and {3, 5} <= {line for line, _ in off}, off


def test_one_notice_names_the_lines_read_as_another_language():
    text = OPENING + ENGLISH + "\n" + QUOTED_SPANISH + QUOTED_SPANISH + QUOTED_FRENCH + CLOSING
    assert other_language(text) is None  # English as a whole (MIXED, half foreign, reads as Spanish)
    [res] = Linter(isolated=True).check_paths([_write(text)])
    assert res.notice.startswith("lines 5-7 (Spanish), 9 (French) read as another language than English"), res.notice
    assert [f.line for f in res.findings if f.rule == "misspelling"] == [11]
    [res] = Linter(isolated=True).check_paths([_write(MIXED)])
    assert res.notice.startswith("reads as Spanish, not English, but for lines 1, 7:"), res.notice


def test_an_english_paragraph_with_a_foreign_name_or_phrase_keeps_its_findings():
    name = ("Jean-Pierre de la Fontaine, who runs the Café de la Paix on Mill Road, said the council had recieved "
            "no letters about the library.\n")
    phrase = ('Residents called the plan "la fin du quartier", and one said the council had recieved '
              "no letters in favour of it.\n")
    for text, word in ((name, "recieved"), (phrase, "recieved")):
        assert block_language(text) is None
        assert word in {w for _, w in _spelling(OPENING + text)}


def test_a_short_line_of_a_foreign_passage_goes_with_it():
    italian = ("Il consiglio comunale ha deciso martedì di chiudere quattordici delle sue trentuno biblioteche "
               "pubbliche, perché il comune ha perso gran parte dei fondi.\n\n")
    text = OPENING + ENGLISH + "\n" + italian + "Leggi anche\n\n" + CLOSING
    assert block_language(italian) == "it" and block_language("Leggi anche") is None  # too short alone
    assert _spelling(text) == [(9, "recieved")]
    assert (7, "anche") in _spelling(text, "off")
    # an English line beside it stays English: more English function words than Italian ones
    assert _spelling(OPENING + italian + "The council had recieved no letters.\n") == [(5, "recieved")]


def test_headlines_lists_of_places_and_tables_of_scores_stay_english():
    for text in ("Man confesses to starting fire at Nantes Cathedral",
                 "June 24 -- Jiffy Lube Live, Bristow, VA\nAug. 4 -- Riverbend Music Center, Cincinnati, OH",
                 "Viera (4-0): K. Hupfer 1 goal. L. Patikas 1 goal. Z. Nielsen 1 goal. A. Sanger 2 saves.",
                 "Dimitri van den Bergh is the World Matchplay's biggest surprise.",
                 "Listen: http://po.st/TP_615\nDownload: http://po.st/TP_615Download"):
        assert block_language(text) is None, text


def test_the_english_half_of_a_page_in_another_language_is_checked_as_english():
    spanish = ("El alcalde dijo en una rueda de prensa que la decisión es muy triste para todos los vecinos del "
               "barrio, que han perdido su biblioteca.\n\n")
    english = "The mayor said the library had been open since 1952, and that the recieved funding had fallen.\n\n"
    text = english + spanish + QUOTED_SPANISH + spanish
    assert other_language(text) == "es" and english_block(english) and not english_block(spanish)
    assert _spelling(text) == [(1, "recieved")]
    assert _spelling(text, "articles") == []  # whole articles only: the page is Spanish throughout


def test_language_check_is_a_config_key_checked_like_the_others(tmp_path):
    (tmp_path / ".copylint.toml").write_text('language-check = "off"\n', encoding="utf-8")
    path = tmp_path / "mixed.txt"
    path.write_text(MIXED, encoding="utf-8")
    [res] = Linter().check_paths([str(path)])
    assert not res.notice and {3, 5, 7} <= {f.line for f in res.findings if f.rule == "misspelling"}
    bad = tmp_path / "bad"  # (configs are read once per folder and process)
    bad.mkdir()
    (bad / ".copylint.toml").write_text('language-check = "sometimes"\n', encoding="utf-8")
    (bad / "mixed.txt").write_text(MIXED, encoding="utf-8")
    code, out, err = run_cli(["check", "--no-cache", str(bad / "mixed.txt")])
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines() == [f"copylint: error: {bad / '.copylint.toml'}:1: key 'language-check': "
                                        "expected on, articles or off, got 'sometimes'"], err


def _write(text: str) -> str:
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
    return fh.name


COUPLET = (
    "The singer, who was dropped from the festival line-up last week, answered her critics on Sunday by "
    "posting a video of herself reading a short verse. \"Dil ki baat zubaan pe aayi...teri yaad mein saari "
    "raat bitaayi,\" the verse read. \"This is for everyone who stood by me,\" she wrote.\n\n"
    "At the rally, the minister repeated his promise. \"No vamos a permitir que los precios sigan subiendo "
    "en el país,\" he told the crowd, before leaving for the capital. The council had recieved no letters.\n")


def test_a_quotation_in_another_language_inside_an_english_paragraph_is_not_read_as_english():
    """A quoted couplet in Urdu written in Latin letters (no function-word list names it: hardly an
    English function word, many words of no common English use) and a quoted Spanish statement, each
    inside an English paragraph: the rules that read English report nothing there (on main: a
    verbless sentence and `sigan`), one notice names their lines, and the English around them keeps
    its findings. English quotations, headlines and names in capitals stay English."""
    from copylint.language import quotation_language

    [res] = Linter(isolated=True).check_paths([_write(OPENING + COUPLET)])
    assert [(f.rule, f.line) for f in res.findings] == [("misspelling", 5)], res.findings
    assert "lines 3, 5: quotations read as another language than English" in res.notice, res.notice
    assert quotation_language('"Dil ki baat zubaan pe aayi...teri yaad mein saari raat bitaayi,"') == ""
    assert quotation_language('"This is for everyone who stood by me and my family all these years,"') is None
    assert quotation_language('"Fares rise sharply across Europe as airlines cut routes again"') is None
    assert quotation_language('"Japanese Style Soba Liang Mian/Soba Hiyashi Chuka Bonta Fukui Ekimae"') is None
