"""Vietnamese names for synthetic people.

Family names follow their approximate share of the population (Nguyễn about 38%, Trần 11%,
Lê 9.5% ...); middle and given names depend on gender.
"""

from __future__ import annotations

import random
from itertools import accumulate

# (family name, weight in ‰)
FAMILY = [
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 40), ("Huỳnh", 11),
    ("Phan", 45), ("Vũ", 25), ("Võ", 14), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 8), ("Đào", 7), ("Trịnh", 6), ("Mai", 5),
    ("Lương", 4), ("Cao", 4), ("Tạ", 3), ("Chu", 3), ("Lâm", 3), ("Hà", 4), ("Tô", 2),
    ("Kiều", 2), ("Quách", 1), ("Lại", 2), ("Khúc", 1), ("Nghiêm", 1),
]  # fmt: skip

MIDDLE = {
    "male": [
        "Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Xuân", "Công", "Ngọc",
        "Tuấn", "Trọng", "Anh", "Hoàng", "Mạnh", "Duy", "Tiến", "Đình", "Bá", "Việt", "Trung",
    ],
    "female": [
        "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương", "Thùy", "Kim",
        "Bích", "Mai", "Lan", "Hải", "Diệu", "Khánh", "Thúy", "Bảo", "Quỳnh", "Như",
    ],
}  # fmt: skip

GIVEN = {
    "male": [
        "Anh", "Bình", "Cường", "Dũng", "Đức", "Dương", "Hải", "Hiếu", "Hùng", "Huy", "Khoa",
        "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Thắng", "Thành", "Trung",
        "Tuấn", "Tùng", "Việt", "Vinh", "Hoàng", "Hiển", "Lâm", "Khánh", "Tâm", "Toàn", "Đạt",
        "Kiên", "Lộc", "Nghĩa", "Quang", "Thịnh", "Tiến", "Trí", "Hưng", "Bảo", "Chiến",
        "Định", "Giang", "Hậu", "Khải", "Luân", "Mạnh", "Nhân", "Tài",
    ],
    "female": [
        "Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa", "Hồng", "Huyền",
        "Hương", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh",
        "Phương", "Quyên", "Tâm", "Thảo", "Thủy", "Trang", "Uyên", "Vân", "Yến", "Liên",
        "Thúy", "Thư", "Nhàn", "Diệp", "Duyên", "Hậu", "Lý", "Nguyệt", "Quỳnh", "Trâm",
    ],
}  # fmt: skip

_FAMILY_NAMES = [f for f, _ in FAMILY]
_FAMILY_CUM = list(accumulate(w for _, w in FAMILY))


def random_name(rng: random.Random, gender: str) -> str:
    """A plausible full name; about a third of women's names avoid "Thị" in the middle."""
    family = rng.choices(_FAMILY_NAMES, cum_weights=_FAMILY_CUM)[0]
    middle = rng.choice(MIDDLE[gender])
    given = rng.choice(GIVEN[gender])
    if given == middle:
        given = GIVEN[gender][(GIVEN[gender].index(given) + 1) % len(GIVEN[gender])]
    return f"{family} {middle} {given}"
