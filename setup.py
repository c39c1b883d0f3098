"""Package discovery: app/ is the source root and resources/ ships as homeseat.resources."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("app"), "homeseat.resources"],
    package_dir={"": "app", "homeseat.resources": "resources"},
)
