"""One tờ trình per deciding authority (DOCUMENTS.md §8.4; Luật Thi đua, khen thưởng 2022,
Điều 80): a dossier whose nominees are proposed for honours of different deciders gets one
letter per authority, each with its own TTr number, counts equal to its own list and "Kính gửi"
the authority that decides (or the receiving level that forwards it)."""

import io

import pytest
from docx import Document

from tests.documents.nd30check_loader import assert_nd30
from vinhdanh.catalogue.models import Honour
from vinhdanh.core.models import DocumentNumber, NumberStatus
from vinhdanh.documents.docx import docx_text
from vinhdanh.nominations import letters
from vinhdanh.nominations.models import Nominee


def _nominee(dossier, position, honour, **subject):
    kind = "collective" if "unit" in subject else "person"
    return Nominee.objects.create(
        dossier=dossier, position=position, kind=kind, honour=Honour.objects.get(pk=honour),
        **subject,
    )  # fmt: skip


@pytest.fixture
def mixed(draft, tree, people):
    """Sở Y tế to the city: 2 Bằng khen of the city's chairman (a person, a collective) and
    1 Bằng khen of the Prime Minister (a person)."""
    _nominee(draft, 1, "BK_TINH", person=people.an)
    _nominee(draft, 2, "BK_TINH", unit=tree.hospital)
    _nominee(draft, 3, "BK_TTG", person=people.binh)
    return draft


def _kinh_gui(text: str) -> str:
    return next(ln for ln in text.splitlines() if ln.startswith("Kính gửi"))


def _annex_names(data: bytes) -> list[str]:
    table = Document(io.BytesIO(data)).tables[-1]
    return [row.cells[1].text for row in table.rows[1:]]


def test_groups_split_by_deciding_authority(mixed, tree):
    groups = letters.letter_groups(mixed)
    assert [(g.authority, g.main) for g in groups] == [
        ("MINISTER_PROVINCE", True),
        ("PRIME_MINISTER", False),
    ]
    assert [len(g.nominees) for g in groups] == [2, 1]
    # the city confers its own honours; the Prime Minister's go up through the city
    assert groups[0].kinh_gui == tree.hanoi.name and not groups[0].through
    assert groups[1].kinh_gui == tree.hanoi.name and groups[1].through == "Thủ tướng Chính phủ"


def test_one_letter_per_authority_with_its_own_number_and_counts(mixed, personas, tree):
    attachments = letters.submission_letters(personas.unit_officer, mixed)
    mixed.refresh_from_db()
    assert len(attachments) == 2
    numbers = DocumentNumber.objects.filter(
        object_type="nominations.dossier", object_id=str(mixed.pk), doc_type="TTr"
    ).order_by("seq")
    assert [n.display for n in numbers] == ["01/TTr-SYT", "02/TTr-SYT"]
    assert all(n.status == NumberStatus.ISSUED for n in numbers)
    assert mixed.number == numbers[0]  # the letter the city decides: the number a decision cites
    assert numbers[1].title.endswith("(Thủ tướng Chính phủ)")

    city = attachments[0].file.file.read()
    text = docx_text(city)
    assert "Số: 01/TTr-SYT" in text and "02/TTr-SYT" not in text
    assert _kinh_gui(text) == f"Kính gửi: {tree.hanoi.name}."
    assert "cho 01 tập thể và 01 cá nhân (có danh sách kèm theo)." in text
    assert _annex_names(city) == ["Nguyễn Văn An", tree.hospital.name]
    assert "Trần Thị Bình" not in text and "Thủ tướng" not in text
    assert f"Kính trình {tree.hanoi.name} xem xét, quyết định./." in text

    ttg = attachments[1].file.file.read()
    text = docx_text(ttg)
    assert "Số: 02/TTr-SYT" in text and "01/TTr-SYT" not in text
    assert "Bằng khen của Thủ tướng Chính phủ cho 01 cá nhân (có danh sách kèm theo)." in text
    assert _annex_names(ttg) == ["Trần Thị Bình"]
    assert f"Kính trình {tree.hanoi.name} xem xét, trình Thủ tướng Chính phủ quyết định./." in text
    # both pass the independent NĐ 30 checker
    for data in (city, ttg):
        assert_nd30(data, "report")


def test_letters_sent_again_keep_their_numbers(mixed, personas):
    first = letters.submission_letters(personas.unit_officer, mixed)
    again = letters.submission_letters(personas.unit_officer, mixed)
    assert [a.pk for a in again] == [a.pk for a in first]  # replaced in place, not added
    assert DocumentNumber.objects.filter(doc_type="TTr", object_id=str(mixed.pk)).count() == 2
    assert mixed.attachments.filter(kind="submission_letter").count() == 2
    assert "Số: 02/TTr-SYT" in docx_text(again[1].file.file.read())


def test_province_writes_to_the_prime_minister_directly(tree, personas, people):
    """A province's own dossier for a Prime Minister's honour: Kính gửi Thủ tướng Chính phủ."""
    from vinhdanh.nominations.models import Dossier

    dossier = Dossier.objects.create(
        kind="merit", title="Đề nghị tặng Bằng khen của Thủ tướng Chính phủ", year=2024,
        sending_unit=tree.hanoi, receiving_unit=tree.hanoi,
    )  # fmt: skip
    _nominee(dossier, 1, "BK_TTG", person=people.an)
    (group,) = letters.letter_groups(dossier)
    assert group.kinh_gui == "Thủ tướng Chính phủ" and not group.through and group.main
    text = docx_text(letters.letter_bytes(dossier, "07/TTr-UBND", group=group))
    assert _kinh_gui(text) == "Kính gửi: Thủ tướng Chính phủ."
    assert "Kính trình Thủ tướng Chính phủ xem xét, quyết định./." in text


def test_single_authority_dossier_keeps_one_letter(draft, personas, people):
    _nominee(draft, 1, "BK_TINH", person=people.an)
    attachments = letters.submission_letters(personas.unit_officer, draft)
    draft.refresh_from_db()
    assert len(attachments) == 1 and draft.number.display == "01/TTr-SYT"
    assert DocumentNumber.objects.filter(doc_type="TTr").count() == 1
