"""Server-side sessions: hashed keys, idle renewal, absolute lifetime, ending all of a user's."""

from __future__ import annotations

import fakeredis
import pytest

from flamingo.accounts import sessions
from flamingo.accounts.sessions import SessionStore


@pytest.fixture
def store() -> SessionStore:
    return SessionStore(fakeredis.FakeRedis(decode_responses=True), 600, 3600)


def test_ids_are_random_256_bit_and_only_hashes_are_stored(store: SessionStore) -> None:
    first, second = store.create("u1"), store.create("u1")
    assert first.id != second.id and len(first.id) >= 43
    keys = store.redis.keys("flamingo:session:*")
    assert len(keys) == 2
    dump = repr([store.redis.hgetall(k) for k in keys]) + repr(keys)
    assert first.id not in dump and second.id not in dump


def test_get_renews_idle_lifetime(store: SessionStore) -> None:
    session = store.create("u1")
    (key,) = store.redis.keys("flamingo:session:*")
    store.redis.expire(key, 5)
    loaded = store.get(session.id)
    assert loaded is not None and loaded.user_id == "u1" and loaded.csrf_token == session.csrf_token
    assert store.redis.ttl(key) > 5


def test_idle_expiry_is_the_key_ttl(store: SessionStore) -> None:
    session = store.create("u1")
    (key,) = store.redis.keys("flamingo:session:*")
    assert 0 < store.redis.ttl(key) <= 600
    store.redis.delete(key)  # what Redis does when the TTL runs out
    assert store.get(session.id) is None


def test_absolute_lifetime(store: SessionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    session = store.create("u1")
    start = session.created_at
    monkeypatch.setattr(sessions, "clock", lambda: start + 3599)
    assert store.get(session.id) is not None
    (key,) = store.redis.keys("flamingo:session:*")
    assert store.redis.ttl(key) <= 1  # the idle renewal never outlives the absolute end
    monkeypatch.setattr(sessions, "clock", lambda: start + 3601)
    assert store.get(session.id) is None
    assert store.redis.keys("flamingo:session:*") == []


@pytest.mark.parametrize("cookie", ["", "x" * 200, "forged"])
def test_unknown_ids(store: SessionStore, cookie: str) -> None:
    assert store.get(cookie) is None


def test_delete_all_for_user_keeps_one(store: SessionStore) -> None:
    a, b, c = store.create("u1"), store.create("u1"), store.create("u1")
    other = store.create("u2")
    assert store.delete_all_for_user("u1", keep=b.id) == 2
    assert store.get(a.id) is None and store.get(c.id) is None
    assert store.get(b.id) is not None and store.get(other.id) is not None
    assert store.delete_all_for_user("u1") == 1
    assert store.get(b.id) is None
