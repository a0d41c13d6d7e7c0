"""The public surface is deliberate: __all__ is sorted and every name exists."""
import readout


def test_exported_members_sorted_and_present():
    assert readout.__all__ == sorted(readout.__all__)
    for name in readout.__all__:
        assert hasattr(readout, name), name
