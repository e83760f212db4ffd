"""``sha256``, the constructor, without loading OpenSSL when CPython has its own.

``hashlib`` prefers OpenSSL's implementation and loads ``libcrypto`` to get it: ~3–7 ms of
every run's start-up, for hashing one small file. CPython's built-in module (``_sha256`` up to
3.11, ``_sha2`` from 3.12) computes the same digest; ``hashlib`` is the fallback.
"""

try:
    from _sha256 import sha256
except ImportError:  # pragma: no cover - depends on the Python version
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256

__all__ = ["sha256"]
