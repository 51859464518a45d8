"""How the search reads words: the stems it compares, in Russian, English and Tajik, and the excerpt it marks."""

import pytest

from search.analysis import excerpt, fold, query_terms, stem, stemmed, tajik_stem


@pytest.mark.parametrize(
    ("forms", "language"),
    [
        (["учитель", "учителя", "учителям", "учителей"], "ru"),
        (["школа", "школы", "школам", "школах"], "ru"),
        (["дети", "детям", "детей"], "ru"),
        (["teacher", "teachers"], "en"),
        (["school", "schools", "schooling"], "en"),
        # Tajik: plural -ҳо, izofat -и, object -ро, possessives, and their stacks.
        (["мактаб", "мактабҳо", "мактаби", "мактабро", "мактабамон", "мактабҳоямонро", "мактабҳои"], "tg"),
        (["омӯзгор", "омӯзгорон", "омӯзгорони", "омӯзгоронро"], "tg"),
        (["донишҷӯ", "донишҷӯён"], "tg"),
        (["бача", "бачагон"], "tg"),
        # -ӣ takes the izofat as -ии.
        (["миллӣ", "миллии"], "tg"),
        (["Тоҷикистон", "Тоҷикистони", "ТОҶИКИСТОН", "тоҷикистон"], "tg"),
    ],
)
def test_forms_of_one_word_share_a_stem(forms, language):
    assert len({stem(fold(form), language) for form in forms}) == 1, [stem(fold(f), language) for f in forms]


def test_different_words_keep_different_stems():
    assert tajik_stem(fold("мактаб")) != tajik_stem(fold("маориф"))
    assert stem("учител", "ru") != stem("ученик", "ru")
    assert stem("teach", "en") != stem("train", "en")


def test_tajik_letters_fold_to_what_a_russian_keyboard_types():
    # Readers without a Tajik layout type х for ҳ, ч for ҷ, у for ӯ, к for қ, г for ғ, и for ӣ.
    assert fold("Ҳуҷҷатҳо") == fold("хуччатхо")
    assert fold("Ғизо") == fold("гизо")
    assert fold("Қонун") == "конун"
    assert stem(fold("омӯзгорон"), "tg") == stem(fold("омузгорон"), "tg")
    assert fold("Ёрдам") == fold("ердам")


def test_short_words_are_left_whole():
    assert tajik_stem("ино") == "ино"  # not "ин" + -о
    assert tajik_stem(fold("ҳо")) == "хо"


def test_a_query_word_may_match_its_russian_or_its_tajik_stem():
    terms = query_terms("Учителям мактабҳо teachers")
    assert terms[0] == ("учител",)  # both stemmers agree
    assert "мактаб" in terms[1]
    assert terms[2] == ("teacher",)


def test_a_text_is_indexed_as_its_stems_in_its_languages():
    assert stemmed("Учителя школ", ("ru",)).split() == ["учител", "школ"]
    # Latin words in a Russian text are English.
    assert "teacher" in stemmed("тренинг для teachers", ("ru",)).split()


def test_the_excerpt_marks_every_form_that_matched_and_starts_near_the_first():
    text = "Вступление. " * 40 + "Учителя прошли обучение; каждому учителю выдали планшет."
    chunks = excerpt(text, query_terms("учитель"), ("ru",))

    assert [chunk for chunk, matched in chunks if matched] == ["Учителя", "учителю"]
    assert chunks[0][0] == "… "
    assert len("".join(chunk for chunk, _ in chunks)) < 260


def test_without_a_match_the_excerpt_is_the_texts_beginning():
    chunks = excerpt("One two three. " * 40, query_terms("zebra"), ("en",))

    assert not any(matched for _, matched in chunks)
    assert chunks[0][0].startswith("One two three.")
    assert chunks[-1][0].endswith(" …")
