"""Transfer bundle format, schema check and personal-data detector (pure)."""

from .format import (
    FORMAT,
    SECTIONS,
    VERSION,
    Bundle,
    BundleChecksumError,
    BundleError,
    BundleSchemaError,
    BundleSyntaxError,
    BundleVersionError,
    PersonalDataError,
    build_bundle,
    checksum_of,
    dumps,
    load_bundle,
)
from .personal_data import Finding, find_personal_data

__all__ = [
    "FORMAT",
    "SECTIONS",
    "VERSION",
    "Bundle",
    "BundleChecksumError",
    "BundleError",
    "BundleSchemaError",
    "BundleSyntaxError",
    "BundleVersionError",
    "Finding",
    "PersonalDataError",
    "build_bundle",
    "checksum_of",
    "dumps",
    "find_personal_data",
    "load_bundle",
]
