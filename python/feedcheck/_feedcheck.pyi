# The cffi extension (feedcheck_build.py): the library's functions and
# types, untyped to a type checker.
from typing import Any

ffi: Any
lib: Any
