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
