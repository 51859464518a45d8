import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    # Code called directly (not through a request) speaks the active language, which a
    # previous test's request may have left as Russian or Tajik.
    with translation.override("en"):
        yield
