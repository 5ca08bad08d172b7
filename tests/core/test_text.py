import pytest

from vinhdanh.core.text import fold, name_sort_key, normalize_name, search_terms


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("ĐỖ THỊ ĐÀO", "do thi dao"),
        ("  Lê   Ánh  ", "le anh"),
        ("", ""),
    ],
)
def test_fold_strips_accents_and_case(raw, folded):
    assert fold(raw) == folded


def test_normalize_name_title_cases_and_collapses_spaces():
    assert normalize_name("  nguyễn   văn  AN ") == "Nguyễn Văn An"


def test_name_sort_orders_by_given_name_then_family():
    names = ["Trần Văn Bình", "Nguyễn Văn An", "Lê Thị An", "Bùi Văn Đức", "Phạm Thị Dung"]
    assert sorted(names, key=name_sort_key) == [
        "Lê Thị An",
        "Nguyễn Văn An",
        "Trần Văn Bình",
        "Phạm Thị Dung",
        "Bùi Văn Đức",
    ]


def test_name_sort_uses_vietnamese_alphabet_not_folded_letters():
    # d < đ and a < ă < â in the Vietnamese alphabet, whatever the tones.
    assert sorted(["Lê Đào", "Lê Dung"], key=name_sort_key) == ["Lê Dung", "Lê Đào"]
    assert sorted(["Vũ Ân", "Vũ Ăn", "Vũ An"], key=name_sort_key) == ["Vũ An", "Vũ Ăn", "Vũ Ân"]


def test_name_sort_key_is_ascii_lower_alphanumeric():
    key = name_sort_key("Nguyễn Thị Ánh Tuyết")
    assert key.isascii() and key == key.lower() and key.isalnum()


def test_search_terms_fold_each_word():
    assert search_terms("Nguyễn  van AN") == ["nguyen", "van", "an"]
