"""Shared fixtures. Slow tests are opt-in with --runslow; corpus tests skip without ../shared/corpus."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

from hypothesis import settings  # noqa: E402

from govie.io import find_corpus_root  # noqa: E402

# Property tests draw the same examples on every run by default, so CI is reproducible; explore
# new ones with HYPOTHESIS_PROFILE=explore (and GOVIE_PROPERTY_SCALE=10 for more of them). A
# failure found by exploring becomes an explicit example in the test file.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CORPUS = find_corpus_root()


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run slow tests")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: opt in with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def corpus_root():
    if CORPUS is None:
        pytest.skip("../shared/corpus is absent (a clone outside the workplace): corpus tests skipped")
    return CORPUS


@pytest.fixture(scope="module")
def one_thread():
    """torch on one thread: on a 2-core machine shared with training, two threads contend (10x slower)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
