"""The roles a user can hold per tenant (Gemeinde or Landkreis)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "administration", _("Administration")
    PLANUNG = "sozialplanung", _("Sozialplanung")
    NETZWERK = "netzwerkkoordination", _("Netzwerkkoordination")
    BERATUNG = "beratung", _("Beratung")
    FONDS = "fondssachbearbeitung", _("Fondssachbearbeitung")
    FONDS_ANORDNUNG = "fondsanordnung", _("Fondsanordnung")
    SCHULASSISTENZ = "schulassistenz", _("Schulassistenz-Koordination")
    GREMIUM = "gremium", _("Gremium (nur lesen)")


ALL_ROLES: tuple[str, ...] = tuple(Role.values)
STAFF_ROLES: tuple[str, ...] = tuple(r for r in ALL_ROLES if r != Role.GREMIUM)
