"""The C extension of the feedcheck package; everything else is in
pyproject.toml.  feedcheck_build.py says how it is built and which
libfeedcheck it links.  Inside the feedtools tree, setuptools' own build
products go to the tree's build folder (FEEDCHECK_BUILD, else build/), not
beside the sources."""
import os

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
options = {}
if os.path.exists(os.path.join(TOP, "validate", "feedcheck.h")):
    work = os.path.join(os.path.abspath(os.environ.get("FEEDCHECK_BUILD") or
                                        os.path.join(TOP, "build")),
                        "python-setup")
    os.makedirs(work, exist_ok=True)
    options = {"build": {"build_base": work}, "egg_info": {"egg_base": work}}

setup(cffi_modules=["feedcheck_build.py:ffibuilder"], options=options)
