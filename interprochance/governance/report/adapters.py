"""Report sections of the other modules, read only through their selectors.

Filled in once the modules' selectors exist; each adapter returns None when
its module (or the selector it needs) is missing.
"""
