"""Every Shareloc test runs under the `clock` fixture (TEST_NOW), so the dates the tests build from it
stay in the future whatever day the suite runs. Tests that start a server process (real clock) build
their dates from the real now instead (`booking_helpers.days_from_real_now`)."""

import pytest


@pytest.fixture(autouse=True)
def _shareloc_clock(request):
    if "server" in request.fixturenames:
        yield None
        return
    yield request.getfixturevalue("clock")
