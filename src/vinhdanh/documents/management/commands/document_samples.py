"""``manage.py document_samples DIR``: one sample of every official paper, from the demo data.

Run ``manage.py demo_data`` first. The demo has no dossier, decision, council meeting or period
review, so the command creates them lawfully (a dossier of Sở Y tế to the city with 2
collectives and 5 individuals for a Bằng khen, those the engine finds eligible first and the
others kept with the signer's written reason; a council meeting whose secret ballot passes
every nominee; the city's decision signed by the demo vice-chairman "KT. CHỦ TỊCH" from his
recorded signing capacity; a bloc review) inside one transaction that is rolled back at the end: the database is
left as it was; only the files stay. Every .docx is also converted to PDF with LibreOffice
(skipped, with a warning, when soffice is not installed).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Ghi mẫu các văn bản (quyết định, tờ trình, báo cáo thành tích, biên bản…) vào DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--no-pdf", action="store_true", help="Không chuyển .docx sang PDF")

    def handle(self, *args, directory, no_pdf=False, **options):
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written: list[str] = []
        try:
            with transaction.atomic():
                written = self._samples(out)
                raise _Rollback
        except _Rollback:
            pass
        if not no_pdf:
            written += self._pdfs(out, [n for n in written if n.endswith(".docx")])
        for name in written:
            self.stdout.write(f"  {out / name}")
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {len(written)} tệp vào {out}."))

    # --- the samples ---------------------------------------------------------------------

    def _samples(self, out: Path) -> list[str]:
        from django.contrib.auth import get_user_model

        from vinhdanh.orgs.models import Unit

        User = get_user_model()
        try:
            city = Unit.objects.get(code="HN")
            syt = Unit.objects.get(code="HN.SYT")
            officer = User.objects.get(username="cb_thanhpho")
            syt_officer = User.objects.get(username="cb_syt")
            signer = User.objects.get(username="lanhdao_tp")
        except (Unit.DoesNotExist, User.DoesNotExist) as exc:
            raise CommandError("Chưa có dữ liệu mẫu: chạy manage.py demo_data trước.") from exc
        written: list[str] = []

        def save(name: str, data: bytes) -> None:
            (out / name).write_bytes(data)
            written.append(name)

        dossier, person_nominee, collective_nominee = self._dossier(syt, city)
        from vinhdanh.nominations.attachments import achievement_report_bytes
        from vinhdanh.nominations.letters import letter_bytes, submission_letter

        submission_letter(syt_officer, dossier)
        dossier.refresh_from_db()
        save("submission-letter.docx", letter_bytes(dossier, dossier.number.display,
                                                    dossier.number.doc_date))  # fmt: skip
        save("achievement-report-person.docx", achievement_report_bytes(person_nominee))
        save("achievement-report-collective.docx", achievement_report_bytes(collective_nominee))

        # the council votes before the decision (NĐ 152/2025 Điều 33): its minutes first
        save("council-minutes.docx", self._council_minutes(city, dossier, officer))

        from vinhdanh.decisions import certificates, services
        from vinhdanh.decisions.documents import decision_docx

        decision = services.decision_create(
            officer,
            issuer=city,
            title="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố Hà Nội",
            signer=signer,
        )
        services.lines_add_nominees(officer, decision, list(dossier.nominees.values_list("pk", flat=True)))  # fmt: skip

        def lines():
            return list(
                decision.lines.select_related(
                    "honour", "person", "nominee__dossier__number",
                    "nominee__dossier__sending_unit",
                ).order_by("position")
            )  # fmt: skip

        for line in lines():  # the leader's written reason where the records fall short
            if not line.passes_rules:
                services.line_override(
                    signer,
                    line,
                    reason="Thành tích xuất sắc đột xuất trong phòng, chống dịch bệnh năm 2025 "
                    "(Hội đồng Thi đua - Khen thưởng Thành phố thống nhất đề nghị).",
                )
        decision.refresh_from_db()
        save("decision-draft.docx", decision_docx(decision, lines()))
        decision = services.decision_issue(signer, decision, date=timezone.localdate())
        decision.refresh_from_db()
        save("decision.docx", decision_docx(decision, lines()))
        try:  # the QR code needs the portal's public address (PUBLIC_BASE_URL)
            certificates.certificates_issue(officer, decision)
            save("certificate.pdf", certificates.full_design_pdf(decision))
        except services.DecisionsError as exc:
            self.stderr.write(f"Bằng khen chưa in được: {exc}")

        from vinhdanh.core.files import bytes_upload
        from vinhdanh.emulation.models import Bloc, Covenant, Meeting, PeriodReview
        from vinhdanh.emulation.permissions import EmulationError
        from vinhdanh.emulation.services.covenants import covenant_docx
        from vinhdanh.emulation.services.meetings import minutes_docx, minutes_generate
        from vinhdanh.emulation.services.reviews import review_docx, review_file

        meeting = Meeting.objects.order_by("pk").first()
        if meeting is not None:
            try:  # numbered through the app's own entry point (the bloc's BB series)
                meeting = minutes_generate(officer, meeting)
            except EmulationError as exc:
                self.stderr.write(f"Biên bản hội nghị chưa lấy được số: {exc}")
            number = meeting.minutes_number.display if meeting.minutes_number_id else ""
            save("meeting-minutes.docx", minutes_docx(meeting, number=number))
        covenant = Covenant.objects.order_by("pk").first()
        if covenant is not None:
            save("covenant.docx", covenant_docx(covenant))
        bloc = Bloc.objects.order_by("-year", "pk").first()
        if bloc is not None:
            review = PeriodReview.objects.create(
                bloc=bloc,
                title=f"Báo cáo tổng kết phong trào thi đua năm {bloc.year}",
                period_start=dt.date(bloc.year, 1, 1),
                period_end=dt.date(bloc.year, 12, 15),
            )
            try:  # "Lưu hồ sơ" gives the report its BC number
                review = review_file(officer, review, bytes_upload(review_docx(review), "bc.docx"))
            except EmulationError as exc:
                self.stderr.write(f"Báo cáo chưa lấy được số: {exc}")
            save("period-review.docx", review_docx(review))

        save("candidate-list.xlsx", self._candidates(syt))
        return written

    def _dossier(self, syt, city):
        """A dossier of Sở Y tế to the city: 2 collectives and 5 individuals, Bằng khen."""
        from vinhdanh.nominations.enums import DossierKind, DossierStatus, NomineeOutcome
        from vinhdanh.nominations.models import Dossier, Nominee
        from vinhdanh.orgs.models import Person, Unit

        dossier = Dossier.objects.create(
            kind=DossierKind.MERIT,
            title="Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố năm 2025",
            year=2025,
            sending_unit=syt,
            receiving_unit=city,
            status=DossierStatus.APPROVED,
        )
        from vinhdanh.registry.models import HonourRecord
        from vinhdanh.rules.candidates import CandidateFilter, candidate_rows

        # those whose records justify a Bằng khen first (the engine's list), then others
        eligible = candidate_rows(syt, CandidateFilter(year=2025, target="BK_TINH"))
        fit_units = [r.subject_id for r in eligible if r.kind == "collective"]
        fit_people = [r.subject_id for r in eligible if r.kind == "individual"]
        taken = HonourRecord.objects.filter(honour_id="BK_TINH", achievement_year=2025)
        collectives = sorted(
            Unit.objects.filter(parent=syt).exclude(
                pk__in=taken.filter(unit__isnull=False).values("unit_id")
            ),
            key=lambda u: (u.pk not in fit_units, u.path),
        )[:2]
        people = sorted(
            Person.objects.filter(unit__path__startswith=syt.path).exclude(
                pk__in=taken.filter(person__isnull=False).values("person_id")
            ),
            key=lambda p: (p.pk not in fit_people, p.sort_key, p.pk),
        )[:5]
        position = 0
        nominees = []
        for unit in collectives:
            position += 1
            nominees.append(Nominee(dossier=dossier, position=position, kind="collective",
                                    unit=unit, honour_id="BK_TINH",
                                    outcome=NomineeOutcome.ACCEPTED))  # fmt: skip
        for person in people:
            position += 1
            nominees.append(Nominee(dossier=dossier, position=position, kind="person",
                                    person=person, honour_id="BK_TINH",
                                    outcome=NomineeOutcome.ACCEPTED))  # fmt: skip
        Nominee.objects.bulk_create(nominees)
        first_person = dossier.nominees.filter(kind="person").order_by("position").first()
        first_collective = dossier.nominees.filter(kind="collective").order_by("position").first()
        return dossier, first_person, first_collective

    def _council_minutes(self, city, dossier, officer) -> bytes:
        from vinhdanh.council.minutes import minutes_docx, minutes_generate
        from vinhdanh.council.models import (
            AgendaItem,
            Attendance,
            Council,
            CouncilMeeting,
            CouncilMember,
            MeetingStatus,
            MemberRole,
        )

        council = Council.objects.create(
            unit=city, name="Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội"
        )
        members = [
            CouncilMember.objects.create(
                council=council,
                full_name=name,
                position=position,
                role=role,
                term_start=dt.date(2024, 1, 1),
            )  # fmt: skip
            for name, position, role in (
                ("Phạm Quang Huy", "Phó Chủ tịch UBND Thành phố", MemberRole.CHAIR),
                ("Nguyễn Thị Thanh Tâm", "Trưởng ban Thi đua - Khen thưởng", MemberRole.VICE),
                ("Lê Văn Minh", "Giám đốc Sở Nội vụ", MemberRole.MEMBER),
                ("Trần Thu Trang", "Chuyên viên Ban Thi đua - Khen thưởng", MemberRole.SECRETARY),
            )
        ]
        meeting = CouncilMeeting.objects.create(
            council=council,
            date=dt.date(2026, 2, 26),
            place="Trụ sở Ủy ban nhân dân Thành phố",
            status=MeetingStatus.CLOSED,
            member_count=len(members),
            closed_at=timezone.make_aware(dt.datetime(2026, 2, 26, 11, 30)),
        )
        for member in members:
            Attendance.objects.create(meeting=meeting, member=member, present=True)
        AgendaItem.objects.create(meeting=meeting, dossier=dossier, position=1)
        self._ballots(meeting, dossier, members)
        meeting = minutes_generate(officer, meeting)  # numbered in the council's BB series
        return minutes_docx(meeting, number=meeting.minutes_number.display)

    def _ballots(self, meeting, dossier, members) -> None:
        """Every nominee voted on by secret ballot, all members for (closed at the meeting):
        the decision may then take them (council.standing)."""
        from django.db.models import Q

        from vinhdanh.catalogue.models import VoteThreshold
        from vinhdanh.council.models import BallotVoter, NomineeBallot, VoteChannel

        closed_at = timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(10, 0)))
        for nominee in dossier.nominees.order_by("position"):
            row = (
                VoteThreshold.objects.filter(
                    Q(honour_id=nominee.honour_id), valid_from__lte=meeting.date
                )
                .order_by("-valid_from")
                .first()
            )
            ballot = NomineeBallot.objects.create(
                meeting=meeting,
                nominee=nominee,
                is_open=False,
                threshold=row.share if row else None,
                total_members=len(members),
                yes_votes=len(members),
                no_votes=0,
                passed=True,
                closed_at=closed_at,
            )
            BallotVoter.objects.bulk_create(
                BallotVoter(ballot=ballot, member=m, channel=VoteChannel.ELECTRONIC)
                for m in members
            )

    def _candidates(self, unit) -> bytes:
        """The candidate list as the officer exports it (.xlsx; a working list, not a văn bản)."""
        import io

        from vinhdanh.rules.candidates import CandidateFilter, candidate_rows
        from vinhdanh.rules.exports import write_candidates_xlsx

        rows = candidate_rows(unit, CandidateFilter(year=2025))
        xlsx = io.BytesIO()
        write_candidates_xlsx(xlsx, rows, year=2025, unit_name=unit.name)
        return xlsx.getvalue()

    def _pdfs(self, out: Path, names: list[str]) -> list[str]:
        from vinhdanh.documents.pdf import DocumentError, docx_to_pdf, soffice_path

        if soffice_path() is None:
            self.stderr.write("LibreOffice (soffice) chưa cài: bỏ qua bản PDF.")
            return []
        written = []
        for name in names:
            try:
                pdf = docx_to_pdf((out / name).read_bytes())
            except DocumentError as exc:
                self.stderr.write(f"{name}: {exc}")
                continue
            target = name[: -len(".docx")] + ".pdf"
            (out / target).write_bytes(pdf)
            written.append(target)
        return written
