import math

import numpy as np
import pytest

from ne_lib import input_checks as validate


@pytest.mark.parametrize("bad, exc", [("1", TypeError), (None, TypeError), (True, TypeError),
                                      (math.nan, ValueError), (math.inf, ValueError)])
def test_number_rejects_non_numbers_naming_the_parameter(bad, exc):
    with pytest.raises(exc, match="rate_hz"):
        validate.number("rate_hz", bad)


def test_ranges():
    assert validate.positive("x", 2) == 2.0
    with pytest.raises(ValueError, match="x must be > 0"):
        validate.positive("x", 0)
    with pytest.raises(ValueError, match="between 0 and 1"):
        validate.fraction("block", 1.5)
    assert validate.non_negative("x", 0) == 0.0
    with pytest.raises(ValueError, match="one of"):
        validate.one_of("drug", "aspirin", ["none", "maoi"])
    with pytest.raises(TypeError):
        validate.integer("n", 2.0)
    with pytest.raises(ValueError, match="finite"):
        validate.finite_array("conc_nM", [1.0, np.nan])
    with pytest.raises(ValueError, match=">= 0"):
        validate.finite_array("conc_nM", [1.0, -1.0], min_value=0.0)
