"""copylint.tokens: the tokens the rules read, picked out of the document's arrays, are the tokens a
loop over every token picks (the rules' findings depend on it being the same tokens, in order)."""
import pytest

from copylint import tokens
from copylint.config import Config

TEXT = ("Police said the the council, the mayor and the union were in talks.\n\n"
        "Fewer people came than in March, and LESS money was spent; Less cars were sold.\n\n"
        "The firefighters, supported by helicopters, aircraft and bread, is tackling the blaze, "
        "and they did not went home. That were the days in May, June or July.\n\n"
        "Was it the colour or the color? Analyses were done by the organisation and the organization.")


@pytest.fixture(scope="module")
def doc():
    from copylint.nlp import get_nlp
    return get_nlp(Config().spacy_model)(TEXT)


@pytest.mark.parametrize("words", [frozenset({"the", "was", "were", "less"}), {"march": 1, "may": 2, "june": 3},
                                   frozenset({"colour", "color", "analyses"}), frozenset({"absent"}), frozenset()])
def test_lower_in_is_the_loop(doc, words):
    assert tokens.lower_in(doc, words) == [t.i for t in doc if t.lower_ in words]


def test_list_heads_is_the_loop(doc):
    heads = [t.i for t in doc if t.dep_ != "conj" and any(c.dep_ == "conj" for c in t.children)]
    assert heads  # the text has lists
    assert tokens.list_heads(doc) == heads


def test_a_column_is_each_tokens_value(doc):
    assert list(tokens.column(doc, "LOWER")) == [t.lower for t in doc]
    assert tokens.list_heads(doc) is tokens.list_heads(doc)  # found once per document


def test_where_asks_once_per_distinct_value_and_is_the_loop(doc):
    asked = []

    def first_is_capital(c):
        asked.append(c)
        return c.isupper()
    assert tokens.where(doc, "PREFIX", first_is_capital) == [t.i for t in doc if t.text[:1].isupper()]
    assert len(asked) == len(set(asked)) == len({t.text[:1] for t in doc})


def test_running_counts_count_each_sentences_tokens(doc):
    alpha, verbs = tokens.running_counts(doc, "IS_ALPHA"), tokens.running_counts(doc, "POS", ("VERB", "AUX"))
    for sent in doc.sents:
        assert alpha[sent.end] - alpha[sent.start] == sum(t.is_alpha for t in sent)
        assert verbs[sent.end] - verbs[sent.start] == sum(t.pos_ in ("VERB", "AUX") for t in sent)
