from kr_map.timeline import Frame, frames, position


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


def test_a_frame_not_in_the_sequence_falls_back_to_its_year_then_to_the_nearest_end():
    # stepping and looping live in the player (assets/player.js); Python only finds a frame
    sequence = frames(1993, 1995, monthly=[1994])
    assert sequence[position(sequence, Frame(1994, 3))] == Frame(1994, 3)
    assert sequence[position(sequence, Frame(1993, 5))] == Frame(1993)
    assert position(sequence, Frame(1979)) == 0
    assert position(sequence, Frame(1999)) == len(sequence) - 1
