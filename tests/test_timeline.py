from kr_map.timeline import Frame, frames, is_last, step


def test_one_frame_a_year_from_1979_to_1999():
    sequence = frames()
    assert sequence[0] == Frame(1979) and sequence[-1] == Frame(1999)
    assert len(sequence) == 21


def test_a_busy_year_is_its_whole_year_then_its_twelve_months():
    sequence = frames(1988, 1990, monthly=[1989])
    assert sequence[0] == Frame(1988)
    assert sequence[1] == Frame(1989)
    assert sequence[2:14] == [Frame(1989, m) for m in range(1, 13)]
    assert sequence[-1] == Frame(1990)
    assert [f.key for f in sequence[1:3]] == ["1989", "1989-01"]


def test_a_whole_year_sorts_before_its_months():
    assert Frame(1989) < Frame(1989, 1) < Frame(1989, 12) < Frame(1990)


def test_stepping_stops_at_the_ends_unless_looping():
    sequence = frames(1997, 1999)
    assert step(sequence, Frame(1999)) == Frame(1999)
    assert step(sequence, Frame(1999), loop=True) == Frame(1997)
    assert step(sequence, Frame(1997), -1) == Frame(1997)
    assert is_last(sequence, Frame(1999)) and not is_last(sequence, Frame(1998))


def test_stepping_on_from_a_whole_busy_year_starts_at_its_january():
    sequence = frames(1993, 1995, monthly=[1994])
    assert step(sequence, Frame(1994)) == Frame(1994, 1)
    assert step(sequence, Frame(1994), -1) == Frame(1993)
