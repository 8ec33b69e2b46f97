"""Tracking codes: what a citizen writes down, reads aloud over the phone, and types back in.

Eight symbols from an alphabet without look-alikes (no 0/O, 1/I/L, U) give 30**8 = 6.6e11 codes, so a
code is not guessable even with a million reports; it is shown as two groups of four ("K7QM-4XD9").
The code is the citizen's key to their own report, so it never appears in public output.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
PATTERN = rf"^[{ALPHABET}]{{{LENGTH}}}$"
_SEPARATORS = re.compile(r"[\s\-_.]")


def tracking_code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def tracking_code_display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def tracking_code_normalize(text: str) -> str | None:
    """What a person typed ("k7qm 4xd9", "K7QM-4XD9") as a stored code, or None if it cannot be one."""
    code = _SEPARATORS.sub("", text or "").upper()
    return code if re.fullmatch(PATTERN, code) else None
