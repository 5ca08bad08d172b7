import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import HonourFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_home_counts_only_what_the_user_may_see(login, personas, people):
    HonourFactory(person=people.an)
    HonourFactory(person=people.foreign)
    people.binh.pending_review = True
    people.binh.save()
    body = login(personas.unit_officer).get(reverse("core:home")).content.decode()
    counts = [int(x) for x in __import__("re").findall(r'<div class="num">([\d.]+)</div>', body)]
    # Sở Y tế and its hospital; An and Bình; An's LĐTT; Bình pending.
    assert counts == [2, 2, 1, 1]


@pytest.mark.django_db
def test_home_counts_are_cached_per_scope(login, personas, people, django_assert_max_num_queries):
    client = login(personas.province_officer)
    client.get(reverse("core:home"))
    HonourFactory(person=people.an)
    body = client.get(reverse("core:home")).content.decode()
    assert '<div class="num">0</div>' in body  # the new row shows after the cache expires
    other = login(personas.outsider).get(reverse("core:home")).content.decode()
    assert '<div class="num">1</div>' in other  # Hà Tĩnh's one person, its own cache entry
