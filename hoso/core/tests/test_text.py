import pytest

from hoso.core.text import clean_text, collation_key, fold, name_sort_key


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Nguyễn Thị Hồng", "nguyen thi hong"),
        ("ĐẮK LẮK", "dak lak"),
        ("Đắk Lắk", "dak lak"),
        ("đường  Trần   Hưng Đạo", "duong tran hung dao"),
        ("Nguye\u0302\u0303n", "nguyen"),  # typed with combining marks (NFD, "Unicode tổ hợp")
        ("", ""),
        (None, ""),
    ],
)
def test_search_ignores_diacritics_case_and_d_stroke(typed, folded):
    assert fold(typed) == folded


def test_text_is_stored_in_nfc_with_single_spaces():
    assert clean_text("  Nguye\u0302\u0303n   Văn  A ") == "Nguyễn Văn A"


def test_vietnamese_alphabet_and_tone_order():
    words = ["Zô", "Ước", "Uyên", "Ơn", "Ông", "Oanh", "Đức", "Dũng", "Âu", "Ăn", "Ánh", "Anh", "An"]
    assert sorted(words, key=collation_key) == [
        "An",
        "Anh",
        "Ánh",
        "Ăn",
        "Âu",
        "Dũng",
        "Đức",
        "Oanh",
        "Ông",
        "Ơn",
        "Uyên",
        "Ước",
        "Zô",
    ]


def test_tones_follow_dictionary_order():
    # ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted(["má", "mạ", "mã", "mả", "mà", "ma"], key=collation_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_personnel_lists_sort_by_given_name_then_the_rest():
    names = ["Trần Văn An", "Nguyễn Thị Bình", "Lê An", "Nguyễn Văn Ân", "Phạm Đức"]
    assert sorted(names, key=name_sort_key) == ["Lê An", "Trần Văn An", "Nguyễn Văn Ân", "Nguyễn Thị Bình", "Phạm Đức"]


def test_the_collation_key_is_ascii_so_both_databases_compare_it_bytewise():
    assert collation_key("Nguyễn Thị Hồng Nhung").isascii()
