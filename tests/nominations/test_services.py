import pytest
from django.http import Http404

from tests.factories import HonourFactory, PersonFactory, RatingFactory
from vinhdanh.core.models import AuditEntry
from vinhdanh.nominations import services
from vinhdanh.nominations.enums import DossierStatus
from vinhdanh.nominations.models import Dossier, Nominee
from vinhdanh.nominations.services import NominationsError


def test_dossier_create_defaults_receiver_to_parent_and_audits(draft, tree):
    assert draft.receiving_unit == tree.hanoi
    assert draft.status == DossierStatus.DRAFT
    assert AuditEntry.objects.filter(object_type="nominations.dossier", action="create").exists()


def test_dossier_create_refuses_receiver_not_ancestor(personas, tree):
    data = {"kind": "merit", "title": "X", "year": 2024, "sending_unit": tree.syt,
            "receiving_unit": tree.sgd, "movement": None}  # fmt: skip
    with pytest.raises(NominationsError, match="cấp trên"):
        services.dossier_create(personas.unit_officer, data=data)
    assert not Dossier.objects.exists()


def test_dossier_create_outside_scope_not_found(personas, tree):
    data = {"kind": "merit", "title": "X", "year": 2024, "sending_unit": tree.syt,
            "receiving_unit": None, "movement": None}  # fmt: skip
    for user in (personas.outsider, personas.viewer, personas.nobody):
        with pytest.raises(Http404):
            services.dossier_create(user, data=data)
    assert not Dossier.objects.exists()


def test_nominee_eligible_verdict_stored_with_citations(draft, add, people):
    RatingFactory(person=people.an, year=2024, rating_id="HTT")
    nominee = add(draft, person=people.an)
    nominee.refresh_from_db()
    assert nominee.verdict_status == "eligible"
    assert nominee.verdict["checks"] and all(c["citation"] for c in nominee.verdict["checks"])


def test_nominee_not_eligible_verdict_has_reason(draft, add, people):
    nominee = add(draft, person=people.an)
    assert nominee.verdict_status == "not_eligible"
    assert any(not c["met"] for c in nominee.verdict["checks"])


def test_nominee_outsider_is_manual(draft, add):
    nominee = add(draft, kind="citizen", outsider_name="Vũ Văn Tâm", outsider_details="Hà Nội",
                  honour="GIAY_KHEN")  # fmt: skip
    assert nominee.verdict_status == "manual"
    assert nominee.person_id is None and nominee.unit_id is None


def test_nominee_honour_must_fit_subject_kind(draft, add, tree):
    with pytest.raises(NominationsError, match="không dành cho"):
        add(draft, kind="collective", unit=tree.hospital, honour="LDTT")
    with pytest.raises(NominationsError, match="không dành cho"):
        add(draft, kind="household", outsider_name="Hộ ông Tâm", honour="HCLD3")
    assert not Nominee.objects.exists()


def test_nominee_outside_sender_subtree_refused(draft, add, people):
    with pytest.raises(NominationsError, match="không thuộc"):
        add(draft, person=people.chi)
    assert not Nominee.objects.exists()


def test_duplicate_in_other_dossier_names_it(draft, add, people, personas, tree):
    add(draft, person=people.binh)
    other = services.dossier_create(
        personas.unit_officer,
        data={"kind": "merit", "title": "Hồ sơ thứ hai", "year": 2024,
              "sending_unit": tree.hospital, "receiving_unit": tree.syt, "movement": None},
    )  # fmt: skip
    with pytest.raises(NominationsError) as exc:
        add(other, person=people.binh)
    assert exc.value.code == "duplicate"
    assert "Đề nghị khen thưởng năm 2024" in exc.value.message
    assert f"mã {draft.pk}" in exc.value.message
    assert not other.nominees.exists()


def test_duplicate_in_returned_dossier_allowed(draft, add, people, personas, tree):
    add(draft, person=people.binh)
    Dossier.objects.filter(pk=draft.pk).update(status=DossierStatus.RETURNED)
    other = services.dossier_create(
        personas.unit_officer,
        data={"kind": "merit", "title": "Hồ sơ lại", "year": 2024,
              "sending_unit": tree.syt, "receiving_unit": None, "movement": None},
    )  # fmt: skip
    add(other, person=people.binh)
    assert other.nominees.count() == 1


def test_duplicate_already_conferred_names_decision(draft, add, people):
    HonourFactory(person=people.an, honour_id="LDTT", achievement_year=2024,
                  decision_number="12/QĐ-SYT")  # fmt: skip
    with pytest.raises(NominationsError, match="12/QĐ-SYT"):
        add(draft, person=people.an)
    assert not Nominee.objects.exists()


def test_duplicate_same_dossier_refused(draft, add, people):
    add(draft, person=people.an)
    with pytest.raises(NominationsError, match="đã có trong hồ sơ này"):
        add(draft, person=people.an)
    assert draft.nominees.count() == 1


def test_year_change_refreshes_verdicts(draft, add, people, personas):
    RatingFactory(person=people.an, year=2025, rating_id="HTT")
    nominee = add(draft, person=people.an)
    assert nominee.verdict_status == "not_eligible"
    services.dossier_update(personas.unit_officer, draft, data={"year": 2025})
    nominee.refresh_from_db()
    assert nominee.verdict_status == "eligible" and nominee.verdict["year"] == 2025


def test_submitted_dossier_not_editable(draft, add, people, personas):
    nominee = add(draft, person=people.an)
    Dossier.objects.filter(pk=draft.pk).update(status=DossierStatus.SUBMITTED)
    draft.refresh_from_db()
    with pytest.raises(NominationsError, match="cấp tiếp nhận"):
        services.dossier_update(personas.unit_officer, draft, data={"title": "Khác"})
    with pytest.raises(NominationsError, match="cấp tiếp nhận"):
        services.nominee_delete(personas.unit_officer, nominee)
    assert Nominee.objects.filter(pk=nominee.pk).exists()


def test_nominee_delete_audited(draft, add, people, personas):
    nominee = add(draft, person=people.an)
    services.nominee_delete(personas.unit_officer, nominee)
    assert not Nominee.objects.exists()
    assert AuditEntry.objects.filter(object_type="nominations.nominee", action="delete").exists()


def test_collective_verdict_from_engine(draft, add, tree):
    nominee = add(draft, kind="collective", unit=tree.hospital, honour="TTLDTT")
    assert nominee.verdict_status in {"eligible", "not_eligible", "held"}
    assert nominee.verdict["target"] == "TTLDTT"


def test_person_without_engine_rule_is_manual(draft, add, tree):
    person = PersonFactory(unit=tree.hospital)
    nominee = add(draft, person=person, honour="GIAY_KHEN")
    assert nominee.verdict_status == "manual"
