"""REST API of the counselling module (read-only). Same access rules as the UI:
a counsellor sees her offices' records only; everything else answers 404.
Every read of a case is audited."""

from __future__ import annotations

from typing import Any

from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound

from interprochance.core import audit
from interprochance.core.policy import Access
from interprochance.core.roles import Role

from . import selectors
from .access import access_case, access_contact, access_document, access_referral, visible_referrals
from .models import Case, Contact, Document, Referral

ACCESS = Access(roles=(Role.BERATUNG,))


class CaseListSerializer(serializers.ModelSerializer):
    household = serializers.CharField(source="household.pseudonym", default=None)
    office = serializers.CharField(source="office.name")
    area = serializers.CharField(source="area.code", default=None)
    topics = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "household",
            "office",
            "area",
            "status",
            "topics",
            "opened_on",
            "closed_on",
            "outcome",
        ]

    def get_topics(self, obj: Case) -> list[str]:
        return [t.topic for t in obj.topics.all()]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "case", "date", "duration_minutes", "channel", "participants", "notes"]


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = [
            "id",
            "case",
            "title",
            "filename",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
        ]


class ReferralSerializer(serializers.ModelSerializer):
    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "from_office",
            "to_office",
            "to_service_id",
            "to_label",
            "state",
            "categories",
            "created",
            "updated",
        ]


class CaseDetailSerializer(CaseListSerializer):
    contacts = ContactSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta(CaseListSerializer.Meta):
        fields = [*CaseListSerializer.Meta.fields, "summary", "contacts", "documents"]


class _Base:
    access = ACCESS

    def _tenant(self) -> Any:
        return getattr(self.request, "tenant", None)  # type: ignore[attr-defined]


class CaseList(_Base, generics.ListAPIView):
    """The counsellor's cases; `q` searches number, household pseudonym and contact name."""

    serializer_class = CaseListSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        p = self.request.query_params
        return (
            selectors.case_list(
                self.request.user,
                self._tenant(),
                query=p.get("q", "")[:100],
                status=p.get("status", ""),
                topic=p.get("topic", ""),
            )
            .select_related("office", "area", "household")
            .prefetch_related("topics")
        )

    def list(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        if request.query_params.get("q"):
            audit.record(
                actor=request.user,
                action="counseling.case_search",
                tenant=self._tenant(),
                detail={"api": True},
            )
        return super().list(request, *args, **kwargs)


class CaseDetail(_Base, generics.RetrieveAPIView):
    serializer_class = CaseDetailSerializer

    def get_object(self):  # type: ignore[no-untyped-def]
        case = access_case(self.request.user, self._tenant(), self.kwargs["pk"])
        audit.record_read(
            actor=self.request.user, tenant=case.tenant, obj=case, detail={"api": True}
        )
        return case


class ContactDetail(_Base, generics.RetrieveAPIView):
    serializer_class = ContactSerializer

    def get_object(self):  # type: ignore[no-untyped-def]
        contact = access_contact(self.request.user, self._tenant(), self.kwargs["pk"])
        audit.record_read(
            actor=self.request.user,
            tenant=self._tenant(),
            obj=contact,
            detail={"case": contact.case_id, "api": True},
        )
        return contact


class DocumentDetail(_Base, generics.RetrieveAPIView):
    serializer_class = DocumentSerializer

    def get_object(self):  # type: ignore[no-untyped-def]
        doc = access_document(self.request.user, self._tenant(), self.kwargs["pk"])
        audit.record_read(
            actor=self.request.user,
            tenant=self._tenant(),
            obj=doc,
            detail={"case": doc.case_id, "api": True},
        )
        return doc


class ReferralList(_Base, generics.ListAPIView):
    serializer_class = ReferralSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return visible_referrals(self.request.user, self._tenant()).order_by("-created", "-id")


class ReferralDetail(_Base, generics.RetrieveAPIView):
    serializer_class = ReferralSerializer

    def get_object(self):  # type: ignore[no-untyped-def]
        try:
            referral, _side = access_referral(self.request.user, self._tenant(), self.kwargs["pk"])
        except Exception as exc:  # Http404 -> DRF NotFound
            raise NotFound from exc
        audit.record_read(
            actor=self.request.user,
            tenant=self._tenant(),
            obj=referral,
            detail={"case": referral.case_id, "api": True},
        )
        return referral
