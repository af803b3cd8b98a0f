# The newsext Python package: the SQLite extension newsext.so and a helper to
# load it.  Built by `make wheel` (which copies newsext.so, LICENSE and NOTICE
# next to this file and writes the version), offline:
#   python3 -m pip wheel --no-index --no-build-isolation --no-deps .
from setuptools import Distribution, setup
from wheel.bdist_wheel import bdist_wheel


class BinaryDistribution(Distribution):
    """Holds a shared library, so it installs into platlib."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    """A wheel for this platform (it holds a shared library) that suits every Python 3."""

    def get_tag(self):
        return "py3", "none", super().get_tag()[2]


setup(
    name="newsext",
    version="@VERSION@",
    description="Entities, quotes and event dates of news articles in SQLite (a loadable extension)",
    license="MIT",
    packages=["newsext"],
    package_data={"newsext": ["newsext.so", "LICENSE", "NOTICE"]},
    python_requires=">=3.7",
    distclass=BinaryDistribution,
    cmdclass={"bdist_wheel": PlatformWheel},
    zip_safe=False,
)
